package org.nefos.storage.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.Sharing;
import org.nefos.storage.repository.ObjectRepository;
import org.nefos.storage.repository.SharingRepository;

/** Pithos authorization: owner, direct/group/{@code *} grants, grants inherited from folder objects, public links. */
@ApplicationScoped
public class AccessService {

    @Inject
    SharingRepository sharing;

    @Inject
    ObjectRepository objects;

    /** Grantee names that designate {@code user}: itself, {@code *} and {@code owner:group} of its groups. */
    public Uni<Set<String>> grantees(SqlClient db, String user) {
        return sharing.groupGrantees(db, user).map(groups -> {
            Set<String> s = new HashSet<>(groups);
            s.add(user.toLowerCase());
            s.add("*");
            return s;
        });
    }

    /** The caller's access to {@code name} in {@code c}. */
    public Uni<Access> object(SqlClient db, String user, Container c, String name) {
        List<String> candidates = candidates(name);
        return sharing.permissions(db, c.id(), candidates).chain(perms -> effective(db, c, name, perms))
                .chain(eff -> sharing.publicToken(db, c.id(), name).chain(token -> {
                    boolean published = token != null;
                    if (c.account().equals(user)) {
                        return Uni.createFrom().item(new Access(Access.Right.OWNER, eff.sharing(), eff.sharedBy(),
                                published));
                    }
                    return grantees(db, user).map(g -> new Access(rightOf(eff.sharing(), g), eff.sharing(),
                            eff.sharedBy(), published));
                }));
    }

    static Access.Right rightOf(Sharing s, Set<String> grantees) {
        for (String w : s.writers()) {
            if (grantees.contains(w)) {
                return Access.Right.WRITE;
            }
        }
        for (String r : s.readers()) {
            if (grantees.contains(r)) {
                return Access.Right.READ;
            }
        }
        return Access.Right.NONE;
    }

    private record Effective(Sharing sharing, String sharedBy) {
    }

    private Uni<Effective> effective(SqlClient db, Container c, String name, Map<String, Sharing> perms) {
        Sharing own = perms.get(name);
        if (own != null && !own.isEmpty()) {
            return Uni.createFrom().item(new Effective(own, null));
        }
        List<String> folders = new ArrayList<>();
        for (String candidate : candidates(name)) {
            if (!candidate.equals(name) && perms.containsKey(candidate)) {
                folders.add(candidate);
            }
        }
        folders.sort((a, b) -> b.length() - a.length());
        return firstFolder(db, c, folders, 0).map(folder -> folder == null ? new Effective(Sharing.NONE, null)
                : new Effective(perms.get(folder), c.account() + "/" + c.name() + "/" + folder));
    }

    private Uni<String> firstFolder(SqlClient db, Container c, List<String> folders, int i) {
        if (i >= folders.size()) {
            return Uni.createFrom().nullItem();
        }
        return objects.current(db, c.id(), folders.get(i), false).chain(v -> v != null && v.isFolder()
                ? Uni.createFrom().item(folders.get(i)) : firstFolder(db, c, folders, i + 1));
    }

    /** The name itself and every enclosing folder name ({@code a/b/c} → {@code a/b/c, a/b, a}). */
    static List<String> candidates(String name) {
        List<String> l = new ArrayList<>();
        l.add(name);
        int i = name.lastIndexOf('/');
        while (i > 0) {
            l.add(name.substring(0, i));
            i = name.lastIndexOf('/', i - 1);
        }
        return l;
    }

    /** True when a non-owner may see {@code v} in a listing (explicit, group or inherited grant). */
    public static boolean visible(ObjectVersion v, Map<String, Sharing> perms, Set<String> folders,
            Set<String> grantees) {
        for (String candidate : candidates(v.name())) {
            Sharing s = perms.get(candidate);
            if (s != null && (candidate.equals(v.name()) || folders.contains(candidate))
                    && rightOf(s, grantees) != Access.Right.NONE) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code s} grants anything to one of {@code grantees}. */
    public static boolean visibleGrant(Sharing s, Set<String> grantees) {
        return rightOf(s, grantees) != Access.Right.NONE;
    }

    /** {@code name} and its enclosing folder names. */
    public static List<String> candidatesOf(String name) {
        return candidates(name);
    }

    /** {@code read} or {@code write}: what {@code s} lets one of {@code grantees} do. */
    public static String allowedTo(Sharing s, Set<String> grantees) {
        return rightOf(s, grantees) == Access.Right.WRITE ? "write" : "read";
    }
}
