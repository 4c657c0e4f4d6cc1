package org.nefos.image.cloudkeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.nefos.image.config.ImageConfig;

/**
 * VO → project (grpc-occi-cloudkeeper.md A.8): a JSON object keyed by VO name whose values name the project
 * under {@code project} (mapping.json) or {@code tenant} (the older voms.json); other keys are ignored, so a
 * keystone-voms file can be reused. The file is re-read whenever its modification time changes; a file that
 * cannot be read or parsed keeps the last good mapping in force and is reported by the health check.
 */
@ApplicationScoped
public class VoMapping {

    /** One parse of the file: the mapping, or why there is none. */
    record Loaded(Map<String, String> projects, FileTime modified, String problem) {
    }

    @Inject
    ImageConfig config;

    private volatile Loaded current = new Loaded(Map.of(), null, "not loaded yet");

    @PostConstruct
    void init() {
        reloadIfChanged();
    }

    /** The project of {@code vo}, if mapped. */
    public Optional<String> project(String vo) {
        return Optional.ofNullable(current.projects().get(vo));
    }

    public Map<String, String> all() {
        return current.projects();
    }

    /** Why the file is not (fully) in force, or null when the last read succeeded. */
    public String problem() {
        return current.problem();
    }

    @Scheduled(every = "${nefos.image.cloudkeeper.mapping-reload-interval:10s}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reloadIfChanged();
    }

    /** Re-reads the file when its modification time differs from the last read's (blocking: a worker thread). */
    public synchronized void reloadIfChanged() {
        Path file = config.cloudkeeper().mappingFile();
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            current = new Loaded(current.projects(), null, "mapping file " + file + " does not exist");
            return;
        } catch (IOException e) {
            current = new Loaded(current.projects(), null, "mapping file " + file + " cannot be read");
            return;
        }
        if (modified.equals(current.modified()) && current.problem() == null) {
            return;
        }
        try {
            Map<String, String> projects = parse(Files.readString(file));
            current = new Loaded(projects, modified, null);
            Log.infof("cloudkeeper: VO mapping %s loaded (%d VOs)", file, projects.size());
        } catch (IOException | IllegalArgumentException e) {
            current = new Loaded(current.projects(), modified, "mapping file " + file + ": " + e.getMessage());
            Log.warnf("cloudkeeper: %s; keeping the previous mapping", current.problem());
        }
    }

    /** Parses the file's text; a VO whose value names no project is an error, not silently dropped. */
    static Map<String, String> parse(String text) {
        JsonObject root;
        try {
            root = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> projects = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : root) {
            if (!(e.getValue() instanceof JsonObject entry)) {
                throw new IllegalArgumentException("VO " + e.getKey() + " is not mapped to an object");
            }
            Object project = entry.getValue("project", entry.getValue("tenant"));
            if (!(project instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException("VO " + e.getKey() + " names no project (key project or tenant)");
            }
            projects.put(e.getKey(), name.trim());
        }
        return Map.copyOf(projects);
    }
}
