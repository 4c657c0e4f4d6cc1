package org.nefos.identity.service;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.nefos.identity.config.IdentityConfig;

/** The users of {@code nefos.identity.project-admins}, who bypass most project and membership checks. */
@ApplicationScoped
public class ProjectAdmins {

    private final Set<String> admins;

    @Inject
    public ProjectAdmins(IdentityConfig config) {
        this.admins = Set.copyOf(config.projectAdmins().orElse(java.util.List.of()));
    }

    public boolean isAdmin(UUID user) {
        return user != null && admins.contains(user.toString());
    }
}
