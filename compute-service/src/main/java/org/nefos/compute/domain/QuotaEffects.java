package org.nefos.compute.domain;

import java.util.ArrayList;
import java.util.List;

import org.nefos.platform.quota.Provision;

/** The provisions Cyclades issues per action (cyclades-api.md 7.3; identity-api.md 9.2). */
public final class QuotaEffects {

    public static final String VM = "cyclades.vm";
    public static final String CPU = "cyclades.cpu";
    public static final String RAM = "cyclades.ram";
    public static final String TOTAL_CPU = "cyclades.total_cpu";
    public static final String TOTAL_RAM = "cyclades.total_ram";
    public static final String DISK = "cyclades.disk";

    private QuotaEffects() {
    }

    /** Create: one VM of flavor {@code f} with a new root volume of {@code f.disk}. */
    public static List<Provision> create(String user, String project, Flavor f) {
        return holdings(user, project, f, true, 1);
    }

    /** Start or reboot from STOPPED (+1) and shutdown (-1): the running resources only. */
    public static List<Provision> power(String user, String project, Flavor f, int sign) {
        List<Provision> p = new ArrayList<>();
        p.addAll(Provision.charge(user, project, CPU, sign * (long) f.vcpus()));
        p.addAll(Provision.charge(user, project, RAM, sign * f.ramBytes()));
        return p;
    }

    /** Resize of a stopped server from {@code from} to {@code to}. */
    public static List<Provision> resize(String user, String project, Flavor from, Flavor to, boolean running) {
        List<Provision> p = new ArrayList<>();
        long cpu = to.vcpus() - (long) from.vcpus();
        long ram = to.ramBytes() - from.ramBytes();
        p.addAll(Provision.charge(user, project, TOTAL_CPU, cpu));
        p.addAll(Provision.charge(user, project, TOTAL_RAM, ram));
        if (running) {
            p.addAll(Provision.charge(user, project, CPU, cpu));
            p.addAll(Provision.charge(user, project, RAM, ram));
        }
        return p;
    }

    /** Delete: give back everything the server holds. */
    public static List<Provision> release(String user, String project, Flavor f, boolean running) {
        return holdings(user, project, f, running, -1);
    }

    /** Reassign: release in {@code from}, charge in {@code to}, as one commission. */
    public static List<Provision> move(String user, String from, String to, Flavor f, boolean running) {
        List<Provision> p = new ArrayList<>(holdings(user, from, f, running, -1));
        p.addAll(holdings(user, to, f, running, 1));
        return p;
    }

    private static List<Provision> holdings(String user, String project, Flavor f, boolean running, int sign) {
        List<Provision> p = new ArrayList<>();
        p.addAll(Provision.charge(user, project, VM, sign));
        p.addAll(Provision.charge(user, project, TOTAL_CPU, sign * (long) f.vcpus()));
        p.addAll(Provision.charge(user, project, TOTAL_RAM, sign * f.ramBytes()));
        if (running) {
            p.addAll(Provision.charge(user, project, CPU, sign * (long) f.vcpus()));
            p.addAll(Provision.charge(user, project, RAM, sign * f.ramBytes()));
        }
        p.addAll(Provision.charge(user, project, DISK, sign * f.diskBytes()));
        return p;
    }
}
