package org.cpe.activitypoller;

import org.cpe.activity.access.OutboundHttp;
import org.cpe.activity.access.OutboundPolicy;
import org.cpe.activity.access.StorageRoots;

/**
 * What a task's input may make its activity touch: the folders of {@code file:} locations ({@code files}) and the
 * addresses its URLs may reach ({@code web}). Each task keeps the access set when it was taken.
 */
record JobAccess(StorageRoots files, OutboundHttp web) {

    /** Until the role sets the job access: no file and only public addresses. */
    static final JobAccess NONE = new JobAccess(StorageRoots.none(), OutboundHttp.publicOnly());

    static JobAccess of(StorageRoots roots, OutboundPolicy outbound) {
        return new JobAccess(roots, new OutboundHttp(outbound));
    }
}
