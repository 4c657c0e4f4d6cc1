package org.nefos.compute.domain;

/** A machine shape. RAM in MiB, disk in GiB. */
public record Flavor(long id, int vcpus, int ram, int disk, int volumeType, String diskTemplate, boolean allowCreate,
        boolean isPublic, boolean deleted) {

    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;

    /** {@code C<cpu>R<ram>D<disk><template>}, as burnin expects. */
    public String name() {
        return "C" + vcpus + "R" + ram + "D" + disk + diskTemplate;
    }

    public long ramBytes() {
        return ram * MIB;
    }

    public long diskBytes() {
        return disk * GIB;
    }
}
