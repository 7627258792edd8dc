package org.cpe.swf.store;

import software.amazon.awssdk.services.swf.model.DomainConfiguration;
import software.amazon.awssdk.services.swf.model.DomainInfo;

/** A registered domain as DescribeDomain shows it. */
public record DomainRecord(DomainInfo info, DomainConfiguration configuration) {

    public String name() {
        return info.name();
    }
}
