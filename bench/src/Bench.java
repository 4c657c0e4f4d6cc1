import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers of bench/run.sh (JDK 17 single-file launch, java.net.http only):
 *
 *   java bench/src/Bench.java hashmap FILE                 Pithos hashmap JSON ({"bytes":N,"hashes":[...]}) on stdout
 *   java bench/src/Bench.java servers URL TOKEN N C IMAGE FLAVOR
 *        creates N servers with C concurrent clients, polls each (10 ms) from its 202 to ACTIVE;
 *   java bench/src/Bench.java load METHOD URL CONNS SECONDS TOKEN
 *        closed-loop load (CONNS clients, keep-alive); prints {"rps":..,"p50_ms":..,"p99_ms":..,"errors":..}
 *        (used for HEAD, which wrk cannot time: it waits for a body after Content-Length)
 *        prints one JSON object: create->ACTIVE p50/p99 (ms), 202 latency p50/p99, accepted/s, active/s.
 *   java bench/src/Bench.java parallel CONTAINER_URL TOKEN STREAMS MIB
 *        PUTs STREAMS objects of MIB MiB side by side (distinct contents, so no block is deduplicated), then
 *        GETs them side by side; prints {"put_mbps":..,"get_mbps":..,"failed":..} (aggregate MB/s, 10^6 bytes)
 */
public class Bench {
    static final int BLOCK = 4 * 1024 * 1024;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "hashmap" -> hashmap(Path.of(args[1]));
            case "load" -> load(args[1], args[2], Integer.parseInt(args[3]), Double.parseDouble(args[4]), args[5]);
            case "parallel" -> parallel(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "servers" -> servers(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5], args[6]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void hashmap(Path file) throws Exception {
        long size = Files.size(file);
        StringBuilder sb = new StringBuilder("{\"bytes\":").append(size).append(",\"hashes\":[");
        byte[] buf = new byte[BLOCK];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            boolean first = true;
            while (true) {
                int n = in.readNBytes(buf, 0, BLOCK);
                if (n <= 0) break;
                int end = n;
                while (end > 0 && buf[end - 1] == 0) end--;   // trailing zero bytes do not count (spec §4.2)
                sha.update(buf, 0, end);
                if (!first) sb.append(',');
                first = false;
                sb.append('"').append(hex(sha.digest())).append('"');
                if (n < BLOCK) break;
            }
        }
        System.out.println(sb.append("]}"));
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }

    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([0-9a-zA-Z-]+)\"?");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    static void servers(String base, String token, int n, int c, String image, String flavor) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(c);
        List<Future<long[]>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            final int k = i;
            fs.add(pool.submit(() -> {
                String body = "{\"server\":{\"name\":\"bench-" + k + "\",\"imageRef\":\"" + image + "\",\"flavorRef\":" + flavor + "}}";
                long s = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/servers"))
                        .header("X-Auth-Token", token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long accepted = System.nanoTime();
                if (r.statusCode() != 202) throw new IllegalStateException("create: " + r.statusCode() + " " + r.body());
                Matcher m = ID.matcher(r.body());
                if (!m.find()) throw new IllegalStateException("no id: " + r.body());
                String id = m.group(1);
                long deadline = accepted + Duration.ofSeconds(60).toNanos();
                while (true) {
                    HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(base + "/servers/" + id))
                            .header("X-Auth-Token", token).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher st = STATUS.matcher(g.body());
                    String status = st.find() ? st.group(1) : "?";
                    if (status.equals("ACTIVE")) break;
                    if (status.equals("ERROR")) throw new IllegalStateException("server " + id + " ERROR");
                    if (System.nanoTime() > deadline) throw new IllegalStateException("server " + id + " not ACTIVE after 60 s");
                    Thread.sleep(10);
                }
                long active = System.nanoTime();
                return new long[] {accepted - s, active - accepted, accepted, active};
            }));
        }
        List<Double> toActive = new ArrayList<>(), create = new ArrayList<>();
        long lastAccepted = 0, lastActive = 0;
        int failed = 0;
        for (Future<long[]> f : fs) {
            try {
                long[] v = f.get();
                create.add(v[0] / 1e6);
                toActive.add(v[1] / 1e6);
                lastAccepted = Math.max(lastAccepted, v[2]);
                lastActive = Math.max(lastActive, v[3]);
            } catch (Exception e) {
                failed++;
                System.err.println(e.getCause() != null ? e.getCause() : e);
            }
        }
        pool.shutdownNow();
        Collections.sort(toActive);
        Collections.sort(create);
        int ok = toActive.size();
        System.out.printf(java.util.Locale.ROOT,
                "{\"servers\":%d,\"failed\":%d,\"concurrency\":%d,\"active_p50_ms\":%.1f,\"active_p99_ms\":%.1f,"
                        + "\"create_p50_ms\":%.1f,\"create_p99_ms\":%.1f,\"accepted_per_s\":%.1f,\"active_per_s\":%.1f}%n",
                ok, failed, c, pct(toActive, 50), pct(toActive, 99), pct(create, 50), pct(create, 99),
                ok / ((lastAccepted - t0) / 1e9), ok / ((lastActive - t0) / 1e9));
    }

    static void load(String method, String url, int c, double seconds, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("X-Auth-Token", token)
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        for (int i = 0; i < 200; i++) http.send(req, HttpResponse.BodyHandlers.discarding());   // warm-up
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        List<Future<long[]>> fs = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            fs.add(pool.submit(() -> {
                long[] lat = new long[1 << 20];
                int n = 0, errors = 0;
                while (System.nanoTime() < end && n < lat.length) {
                    long s = System.nanoTime();
                    int code = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                    lat[n++] = System.nanoTime() - s;
                    if (code >= 400) errors++;
                }
                long[] out = java.util.Arrays.copyOf(lat, n + 1);
                out[n] = errors;
                return out;
            }));
        }
        List<Double> all = new ArrayList<>();
        long errors = 0;
        for (Future<long[]> f : fs) {
            long[] v = f.get();
            for (int i = 0; i < v.length - 1; i++) all.add(v[i] / 1e6);
            errors += v[v.length - 1];
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        pool.shutdownNow();
        Collections.sort(all);
        System.out.printf(java.util.Locale.ROOT, "{\"rps\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"errors\":%d}%n",
                all.size() / elapsed, pct(all, 50), pct(all, 99), errors);
    }

    static void parallel(String container, String token, int streams, int mib) throws Exception {
        long size = (long) mib << 20;
        byte[] pattern = new byte[64 << 20];
        new java.util.SplittableRandom(42).nextBytes(pattern);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        int[] failed = {0};
        double put = timed(pool, streams, k -> {
            // stream k reads the pattern cyclically from its own unaligned offset: every block differs
            int offset = (int) ((k * 1_000_003L) % pattern.length);
            HttpRequest req = HttpRequest.newBuilder(URI.create(container + "/par-" + k))
                    .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                    .timeout(Duration.ofMinutes(10))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Cyclic(pattern, offset, size)), size))
                    .build();
            int code = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (code != 201) throw new IllegalStateException("PUT par-" + k + ": " + code);
        }, failed);
        double get = timed(pool, streams, k -> {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(container + "/par-" + k))
                    .header("X-Auth-Token", token).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long n = 0;
            try (InputStream in = r.body()) {
                byte[] buf = new byte[1 << 20];
                for (int c; (c = in.read(buf)) > 0; ) n += c;
            }
            if (r.statusCode() != 200 || n != size) throw new IllegalStateException("GET par-" + k + ": " + r.statusCode() + ", " + n + " bytes");
        }, failed);
        pool.shutdownNow();
        double total = (double) size * streams;
        System.out.printf(java.util.Locale.ROOT, "{\"streams\":%d,\"mib\":%d,\"put_mbps\":%.1f,\"get_mbps\":%.1f,\"failed\":%d}%n",
                streams, mib, total / put / 1e6, total / get / 1e6, failed[0]);
    }

    interface Step {
        void run(int k) throws Exception;
    }

    /** Runs step 0..n-1 side by side; seconds from the first start to the last end. */
    static double timed(ExecutorService pool, int n, Step step, int[] failed) throws Exception {
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            final int k = i;
            fs.add(pool.submit(() -> {
                step.run(k);
                return null;
            }));
        }
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (Exception e) {
                failed[0]++;
                System.err.println(e.getCause() != null ? e.getCause() : e);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code size} bytes of {@code pattern}, read cyclically from {@code offset}. */
    static final class Cyclic extends InputStream {
        private final byte[] pattern;
        private int pos;
        private long left;

        Cyclic(byte[] pattern, int offset, long size) {
            this.pattern = pattern;
            this.pos = offset;
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(Math.min(len, left), pattern.length - pos);
            System.arraycopy(pattern, pos, b, off, n);
            pos = (pos + n) % pattern.length;
            left -= n;
            return n;
        }
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
