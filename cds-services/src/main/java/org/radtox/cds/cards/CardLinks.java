package org.radtox.cds.cards;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a card sends the clinician: the patient's page on the RadTox dashboard
 * ({@code {publicBaseUrl}/patients/{patientId}}, absolute), and a SMART app when one is configured.
 *
 * @param publicBaseUrl  RadTox's base URL as clients reach it, no trailing slash
 * @param smartLaunchUrl a SMART app launch URL, or {@code null}
 */
public record CardLinks(String publicBaseUrl, URI smartLaunchUrl) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public CardLinks {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
    }

    public String home() {
        return publicBaseUrl + "/";
    }

    public String patientPage(String patientId) {
        return publicBaseUrl + "/patients/" + URLEncoder.encode(patientId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    List<Card.Link> links(String patientId, String cardUuid) {
        List<Card.Link> links = new ArrayList<>();
        links.add(new Card.Link("RadTox: this patient's toxicities over time", patientPage(patientId), "absolute", null));
        if (smartLaunchUrl != null) {
            String appContext;
            try {
                appContext = JSON.writeValueAsString(java.util.Map.of("patientId", patientId, "card", cardUuid));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("two strings always serialize", e);
            }
            links.add(new Card.Link("RadTox toxicity review (SMART app)", smartLaunchUrl.toString(), "smart", appContext));
        }
        return links;
    }
}
