package org.cpe.swf.store;

/** The write contract on embedded H2 in file mode. */
class H2StoreWriteTest extends StoreWriteContract {

    @Override
    StoreFixture newFixture() {
        return StoreFixture.h2();
    }
}
