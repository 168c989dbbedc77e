package dev.quorumchaos.service.etcd;

import java.net.URI;

/** Where the workloads' clients and the harness's own reads reach each member of an etcd cluster, and its member ids. */
interface EtcdEndpoints {

    int size();

    /** Where clients reach member {@code ordinal}: through what a partition cuts, where that is a proxy. */
    URI clientUrl(int ordinal);

    /** Where the harness reads and resets member {@code ordinal}, past what a partition cuts. */
    URI adminUrl(int ordinal);

    /** Which member an id in a response header is. */
    EtcdMemberIds ids();
}
