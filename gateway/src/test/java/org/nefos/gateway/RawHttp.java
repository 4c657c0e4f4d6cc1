package org.nefos.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 over a plain socket, for requests a client library would rewrite (hop-by-hop headers). */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code head} (CRLF line ends added, must ask for Connection: close) and reads until the server closes. */
    public static String exchange(int port, String... headLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            socket.getOutputStream().write((String.join("\r\n", headLines) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a raw response (after the blank line; the tests' bodies are not chunked). */
    public static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }
}
