package org.cpe.swf.store;

/** The closed-list contract on PostgreSQL, when {@code CPE_TEST_POSTGRES_URL} names one. */
class PostgresClosedListTest extends ClosedListContract {

    @Override
    StoreFixture newFixture() {
        return StoreFixture.postgres();
    }
}
