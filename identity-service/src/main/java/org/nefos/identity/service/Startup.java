package org.nefos.identity.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.identity.config.IdentityConfig;
import org.nefos.identity.repository.ComponentRepository;
import org.nefos.identity.repository.UserRepository;

/** At start-up: load resources, install the configured component tokens, create the seed user if absent. */
@jakarta.inject.Singleton
public class Startup {

    static final List<String> COMPONENTS = List.of("astakos", "cyclades", "pithos");

    @Inject
    Resources resources;

    @Inject
    ComponentRepository components;

    @Inject
    UserRepository users;

    @Inject
    UserService userService;

    @Inject
    IdentityConfig config;

    @Inject
    Pool pool;

    void onStart(@Observes StartupEvent event) {
        Duration timeout = Duration.ofSeconds(60);
        resources.load().await().atMost(timeout);
        Map<String, String> tokens = config.componentTokens();
        Multi.createFrom().iterable(COMPONENTS)
                .onItem().transformToUniAndConcatenate(name -> components.upsert(pool, name,
                        tokens.getOrDefault(name, Tokens.generate())))
                .collect().asList().await().atMost(timeout);
        tokens.keySet().stream().filter(n -> !COMPONENTS.contains(n))
                .forEach(n -> Log.warnf("nefos.identity.component-tokens names an unknown component: %s", n));
        if (config.seed().enabled()) {
            seed(timeout);
        }
    }

    private void seed(Duration timeout) {
        IdentityConfig.Seed seed = config.seed();
        UUID uuid = UUID.fromString(seed.uuid());
        if (users.find(pool, uuid).await().atMost(timeout) != null) {
            return;
        }
        userService.create(new UserService.NewUser(uuid, seed.email(), seed.firstName(), seed.lastName(), "",
                seed.token().orElse(null), List.of())).await().atMost(timeout);
        Log.infof("created the seed user %s (%s)", seed.email(), uuid);
    }
}
