package org.opencity.backend.accounts;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.opencity.backend.web.Html;

/**
 * The development page that shows the SMS a demo backend "sent" ({@code GET /dev/sms}), so sign-in
 * codes can be read without a phone. Registered only in demo mode without an SMS provider.
 */
public final class DevSmsService implements HttpService {

    private final DevSmsGateway gateway;

    public DevSmsService(DevSmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sms", this::page);
    }

    private void page(ServerRequest req, ServerResponse res) {
        StringBuilder rows = new StringBuilder();
        for (DevSmsGateway.Message m : gateway.recent()) {
            rows.append("<tr><td>").append(Html.escape(m.at().toString())).append("</td><td>")
                    .append(Html.escape(m.phone())).append("</td><td>").append(Html.escape(m.text())).append("</td></tr>\n");
        }
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Demo SMS — Open City</title>
                <meta http-equiv="refresh" content="5"><link rel="stylesheet" href="/css/basic.css"></head>
                <body><h1>Demo SMS</h1>
                <p>Messages a demo backend would have sent. This page exists only in demo mode.</p>
                <table><thead><tr><th>sent</th><th>to</th><th>text</th></tr></thead><tbody>
                %s</tbody></table></body></html>
                """.formatted(rows);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html);
    }
}
