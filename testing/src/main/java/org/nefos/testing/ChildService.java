package org.nefos.testing;

import java.nio.file.Path;

/** A Nefos service the tests started from its jar as a child process: where it listens, its output, stopping it. */
public abstract class ChildService implements AutoCloseable {

    private final ServiceProcess.Started process;

    ChildService(ServiceProcess.Started process) {
        this.process = process;
    }

    /** {@code http://127.0.0.1:<port>} of the service. */
    public String url() {
        return process.url();
    }

    /** The child's output, for failure messages. */
    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        ServiceProcess.stop(process.process());
    }
}
