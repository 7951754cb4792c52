package io.smsconversations.gateway.provider.telesign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Telesign's callback signature, with the key and vector of Telesign's own SDK tests (telesign python_telesign). */
class TelesignSignatureTest {

    private static final String SDK_KEY = "EXAMPLE----TE8sTgg45yusumoN6BYsBVkh+yRJ5czgsnCehZaOYldPJdmFh6NeX8kunZ2zU1YWaUw/"
            + "0wV6xfw==";
    private static final String CUSTOMER = "FFFFFFFF-EEEE-DDDD-1234-AB1234567890";
    private static final byte[] SDK_BODY = "{'test': 123}".getBytes(StandardCharsets.UTF_8);
    private static final String SDK_SIGNATURE = "B97g3N9lPdVaptvifxRau7bzVAC5hhRBZ6HKXABN744=";

    @Test
    void signsLikeTelesignsSdkDecodingTheKeyLeniently() {
        assertThat(TelesignSignature.sign(SDK_KEY, SDK_BODY)).contains(SDK_SIGNATURE);
    }

    @Test
    void acceptsTheTsaFormWithThisAccountsCustomerIdInAnyCase() {
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "TSA " + CUSTOMER + ":" + SDK_SIGNATURE, SDK_BODY))
                .isTrue();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "tsa " + CUSTOMER.toLowerCase() + ":"
                + SDK_SIGNATURE, SDK_BODY)).isTrue();
    }

    @Test
    void acceptsTheBareSignatureTheSdksVerify() {
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, SDK_SIGNATURE, SDK_BODY)).isTrue();
    }

    @Test
    void refusesAnotherAccountAnEditedBodyAWrongSignatureAndNothing() {
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "TSA 00000000-0000-0000-0000-000000000000:"
                + SDK_SIGNATURE, SDK_BODY)).isFalse();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "TSA " + CUSTOMER + ":" + SDK_SIGNATURE,
                "{'test': 124}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=",
                SDK_BODY)).isFalse();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "TSA " + SDK_SIGNATURE, SDK_BODY)).isFalse();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, null, SDK_BODY)).isFalse();
        assertThat(TelesignSignature.matches(SDK_KEY, CUSTOMER, "  ", SDK_BODY)).isFalse();
    }

    @Test
    void aKeyThatIsNotBase64VerifiesNothing() {
        assertThat(TelesignSignature.usable("")).isFalse();
        assertThat(TelesignSignature.usable("A")).isFalse();
        assertThat(TelesignSignature.matches("A", CUSTOMER, SDK_SIGNATURE, SDK_BODY)).isFalse();
        assertThat(TelesignSignature.usable(SDK_KEY)).isTrue();
    }
}
