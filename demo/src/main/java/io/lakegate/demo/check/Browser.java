package io.lakegate.demo.check;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does during a sign-in, over plain HTTP: keeps cookies, follows redirects itself (so the check sees
 * every hop and stops at the client's redirect URI, which nothing listens on), reads the form on an HTML page and
 * submits it the way the page says. Every request has a timeout.
 */
public final class Browser {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(cookies)
            .build();

    public HttpResponse<String> get(URI url) {
        return send(HttpRequest.newBuilder(url)
                .header("Accept", "text/html,application/xhtml+xml")
                .GET());
    }

    public HttpResponse<String> postForm(URI url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))));
    }

    public HttpResponse<String> postJson(URI url, String json) {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CheckFailed(
                    "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s to " + built.method() + " " + built.uri());
        } catch (IOException e) {
            throw new CheckFailed(built.method() + " " + built.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckFailed("interrupted");
        }
    }

    /** The redirect target of a 302/303, resolved against the request URL; fails on any other answer. */
    public static URI location(HttpResponse<String> response, String step) {
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse(null);
        if ((status != 302 && status != 303) || location == null) {
            throw new CheckFailed(step + ": expected a redirect, got " + describe(response));
        }
        return response.uri().resolve(location);
    }

    public static String describe(HttpResponse<String> response) {
        String body = response.body() == null
                ? ""
                : response.body().replaceAll("\\s+", " ").trim();
        return "HTTP " + response.statusCode() + " from " + response.request().method() + " " + response.uri()
                + (body.isEmpty() ? "" : ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The one form of an HTML page: where it posts and the values it would send as it stands. */
    public record Form(URI action, String method, Map<String, String> fields) {

        private static final Pattern FORM =
                Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
        private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");

        public static Form of(HttpResponse<String> page, String step) {
            String contentType = page.headers().firstValue("Content-Type").orElse("");
            if (page.statusCode() != 200 || !contentType.startsWith("text/html")) {
                throw new CheckFailed(step + ": expected an HTML page, got " + describe(page));
            }
            Matcher form = FORM.matcher(page.body());
            if (!form.find()) {
                throw new CheckFailed(step + ": the page has no form: " + describe(page));
            }
            Map<String, String> formAttributes = attributes(form.group(1));
            String action = formAttributes.getOrDefault("action", "");
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                String type = a.getOrDefault("type", "text").toLowerCase();
                if (a.containsKey("name") && !type.equals("submit") && !type.equals("button")) {
                    fields.put(a.get("name"), a.getOrDefault("value", ""));
                }
            }
            // an empty action posts to the page's own URL, query string included (HTML's form submission algorithm)
            URI target = action.isEmpty() ? page.uri() : page.uri().resolve(action);
            return new Form(target, formAttributes.getOrDefault("method", "get").toLowerCase(), fields);
        }

        /** Whether the page offers a submit button {@code name=value} (the consent page's Approve). */
        public static boolean hasButton(HttpResponse<String> page, String name, String value) {
            Matcher button = Pattern.compile("<button\\b([^>]*)>", Pattern.CASE_INSENSITIVE)
                    .matcher(page.body());
            while (button.find()) {
                Map<String, String> a = attributes(button.group(1));
                if (name.equals(a.get("name")) && value.equals(a.get("value"))) {
                    return true;
                }
            }
            return false;
        }

        private static Map<String, String> attributes(String tag) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher m = ATTRIBUTE.matcher(tag);
            while (m.find()) {
                attributes.put(m.group(1).toLowerCase(), unescape(m.group(3) != null ? m.group(3) : m.group(4)));
            }
            return attributes;
        }

        private static String unescape(String s) {
            return s.replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&");
        }
    }
}
