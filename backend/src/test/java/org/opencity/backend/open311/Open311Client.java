package org.opencity.backend.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencity.backend.testing.TestApp;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An Open311 client for tests: form posts, XML and JSON reading, and a key issued by the city admin. */
final class Open311Client {

    static final String BASE = "/open311/v2/";
    private final TestApp app;

    Open311Client(TestApp app) {
        this.app = app;
    }

    /** A fresh API key, issued by the demo city admin as in production. */
    String issueKey(String name) {
        TestApp.Tokens admin = app.loginCityAdmin();
        return TestApp.json(app.post("/api/v1/admin/api-clients", Map.of("name", name), admin)).get("key").asText();
    }

    HttpResponse<String> get(String resource) {
        return app.get(BASE + resource);
    }

    HttpResponse<String> post(String resource, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return raw(resource, "application/x-www-form-urlencoded", body);
    }

    HttpResponse<String> raw(String resource, String contentType, String body) {
        return app.send(HttpRequest.newBuilder(app.uri(BASE + resource)).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** A file part of a multipart form. */
    record FilePart(String field, String fileName, String contentType, byte[] bytes) {
    }

    /** A {@code multipart/form-data} POST, as FixMyStreet sends reports with photos (its HTTP library's layout). */
    HttpResponse<String> multipart(String resource, Map<String, String> form, List<FilePart> files) {
        String boundary = "xYzZY" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        form.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        for (FilePart file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return app.send(HttpRequest.newBuilder(app.uri(BASE + resource)).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** A form for a new request at a position in central Kazan. */
    static Map<String, String> newRequest(String key, String service, String description) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", service);
        form.put("lat", "55.7903");
        form.put("long", "49.1347");
        form.put("description", description);
        return form;
    }

    static Document xml(HttpResponse<String> response) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + response.body(), e);
        }
    }

    static List<Element> children(Node parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static List<String> childNames(Node parent) {
        return children(parent).stream().map(Element::getTagName).toList();
    }

    /** The text of the first element with this name below {@code parent}. */
    static String text(Node parent, String name) {
        return ((Element) parent).getElementsByTagName(name).item(0).getTextContent();
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
