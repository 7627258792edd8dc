package org.cpe.swf.store;

/** The closed-list contract on embedded H2 in file mode. */
class H2ClosedListTest extends ClosedListContract {

    @Override
    StoreFixture newFixture() {
        return StoreFixture.h2();
    }
}
