package org.cpe.swf.store;

/** The write contract on PostgreSQL, when {@code CPE_TEST_POSTGRES_URL} names one. */
class PostgresStoreWriteTest extends StoreWriteContract {

    @Override
    StoreFixture newFixture() {
        return StoreFixture.postgres();
    }
}
