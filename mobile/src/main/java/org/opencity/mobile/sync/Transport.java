package org.opencity.mobile.sync;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP exchange with the backend. The real implementations are {@link UrlConnectionTransport}
 * (phones) and {@link HttpTransport} (desktop); tests
 * wrap it to drop, duplicate, delay and reorder exchanges. An {@link IOException} means the
 * exchange may or may not have reached the server.
 */
public interface Transport {

    /** A request to send. */
    record Call(String method, String path, Map<String, String> headers, byte[] body) {
    }

    /** The server's answer. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
    }

    Reply exchange(Call call) throws IOException;

    /** A long-lived response read line by line (server-sent events). */
    interface Stream extends AutoCloseable {
        int status();

        /** The next line, or {@code null} when the stream ended. */
        String readLine() throws IOException;

        /** Ends the stream; a blocked {@link #readLine} returns or fails. */
        @Override
        void close();
    }

    /** Opens a long-lived response; transports that cannot stream say so with an exception. */
    default Stream open(Call call) throws IOException {
        throw new IOException("this transport does not stream");
    }
}
