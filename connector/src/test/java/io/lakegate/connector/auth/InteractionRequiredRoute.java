package io.lakegate.connector.auth;

import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

/**
 * A tenant of the test identity provider whose Conditional Access demands multi-factor authentication: every token
 * request answers HTTP 400 {@code interaction_required}, with the AADSTS description Entra would send.
 */
final class InteractionRequiredRoute implements Route {

    private final String tokenPath;

    InteractionRequiredRoute(String tenant) {
        this.tokenPath = "/" + tenant + "/oauth2/v2.0/token";
    }

    @Override
    public boolean match(OAuth2HttpRequest request) {
        return "POST".equals(request.getMethod())
                && tokenPath.equals(request.getUrl().encodedPath());
    }

    @Override
    public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
        return new OAuth2HttpResponse(
                Headers.of("Content-Type", "application/json"),
                400,
                "{\"error\":\"interaction_required\",\"error_description\":\"AADSTS50076: Due to a configuration change "
                        + "made by your administrator, you must use multi-factor authentication.\",\"error_codes\":[50076],"
                        + "\"suberror\":\"basic_action\"}",
                null);
    }
}
