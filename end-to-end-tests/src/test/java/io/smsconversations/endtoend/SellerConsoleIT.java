package io.smsconversations.endtoend;

import static io.smsconversations.endtoend.RunningSuite.numberPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.BusinessNumberType;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.Owner;
import io.smsconversations.events.PhoneKind;
import io.smsconversations.events.PhoneNumber;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Team;
import io.smsconversations.testing.KafkaTestClient;
import io.smsconversations.testing.TestTokens;

/**
 * The seller console in a real headless Chromium (Debian's, through its chromedriver) against the running suite and
 * a real Keycloak with the local run's realm: Alice signs in through Keycloak's login page (authorization code flow
 * with PKCE), a customer's webhook reaches her bell live over SSE, she opens it, replies with an organisation
 * template and watches the reply go to DELIVERED through the gateway's simulated Twilio; Bob's conversation is not
 * in her list and its address shows nothing. Screenshots of each step go to target/screenshots.
 * <p>
 * Alice and Bob are the realm's users, so their seller ids are the realm's fixed subjects; their numbers, records and
 * teams are this class's own.
 */
@ExtendWith(RunningSuite.Extension.class)
class SellerConsoleIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
    private static final String BOB = "b0b00000-0000-4000-8000-000000000002";
    private static final String NORTH = "team-north-" + RUN;
    private static final String SOUTH = "team-south-" + RUN;
    private static final String NORTH_LINE = "+14255550155";
    private static final String SOUTH_LINE = "+14255550166";
    private static final String GRACE_NUMBER = "+14255550131";
    private static final String LINUS_NUMBER = "+14255550132";
    private static final String GRACE = "contact-grace-" + RUN;
    private static final String LINUS = "contact-linus-" + RUN;
    private static final String TEMPLATE_NAME = "Offer still valid " + RUN;

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static RunningSuite suite;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static Path screenshots;
    private static String bobsConversation;

    @BeforeAll
    static void seedAndOpenTheBrowser(RunningSuite running) throws IOException {
        suite = running;
        Instant modified = Instant.parse("2026-11-01T09:00:00Z");
        suite.adminPut("/api/admin/teams/" + NORTH, new Team(NORTH, "North"));
        suite.adminPut("/api/admin/teams/" + SOUTH, new Team(SOUTH, "South"));
        suite.adminPut("/api/admin/sellers/" + ALICE, new Seller(ALICE, "Alice North", List.of(NORTH), true));
        suite.adminPut("/api/admin/sellers/" + BOB, new Seller(BOB, "Bob South", List.of(SOUTH), true));
        suite.adminPut("/api/admin/business-numbers/" + numberPath(NORTH_LINE), new BusinessNumber(NORTH_LINE,
                "North sales line " + RUN, BusinessNumberType.LONG_CODE, List.of(ALICE), List.of(NORTH), "twilio"));
        suite.adminPut("/api/admin/business-numbers/" + numberPath(SOUTH_LINE), new BusinessNumber(SOUTH_LINE,
                "South sales line " + RUN, BusinessNumberType.LONG_CODE, List.of(BOB), List.of(SOUTH), "twilio"));
        suite.adminPut("/api/admin/records/" + GRACE, contact(GRACE, "Grace Hopper", GRACE_NUMBER, ALICE, modified));
        suite.adminPut("/api/admin/records/" + LINUS, contact(LINUS, "Linus Torvalds", LINUS_NUMBER, BOB, modified));
        suite.awaitInRouting("/api/admin/sellers/" + ALICE, "/api/admin/sellers/" + BOB,
                "/api/admin/business-numbers/" + numberPath(NORTH_LINE),
                "/api/admin/business-numbers/" + numberPath(SOUTH_LINE),
                "/api/admin/records/" + GRACE, "/api/admin/records/" + LINUS);
        awaitInConversationService(ALICE, GRACE, GRACE_NUMBER);
        awaitInConversationService(BOB, LINUS, LINUS_NUMBER);
        RunningSuite.asAdmin().contentType(ContentType.JSON).body(KafkaTestClient.toJson(Map.of(
                "name", TEMPLATE_NAME, "category", "CONTACT", "language", "en", "scope", "ORGANISATION",
                "body", "Hello {{ContactFirstName}}, yes: the offer is valid until Friday. {{UserFirstName}}")))
                .post(suite.conversationUrl() + "/api/templates").then().log().ifValidationFails().statusCode(201);

        // Bob's customer writes first: a conversation Alice must never see.
        suite.postTwilioWebhook(newSid(), LINUS_NUMBER, SOUTH_LINE, "Linus here, for Bob only", true)
                .then().statusCode(200);
        bobsConversation = await().atMost(PATIENCE).until(() -> JsonPath.from(RunningSuite.asSeller(BOB)
                .get(suite.conversationUrl() + "/api/conversations").then().statusCode(200).extract().asString())
                .getString("items.find { it.record.id == '" + LINUS + "' }.id"), id -> id != null);

        screenshots = Files.createDirectories(Path.of(System.getProperty("sms.screenshots", "target/screenshots")));
        try (var old = Files.list(screenshots)) {
            for (Path png : old.toList()) {
                Files.delete(png); // only this run's pictures, so a failed step is the last one there
            }
        }
        browser = chromium();
        wait = new WebDriverWait(browser, PATIENCE, Duration.ofMillis(200));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aliceSignsInGetsTheReplyLiveAnswersWithATemplateAndSeesItDelivered() {
        signIn("alice", "alice");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=signed-in-as]"), "Alice North"));
        // The bell's stream is registered: from now on a notification arrives live, not by a reload.
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".live-state"), "data-state", "live"));
        screenshot("01-signed-in");

        String text = "Hi Alice, is the offer still valid? " + RUN;
        suite.postTwilioWebhook(newSid(), GRACE_NUMBER, NORTH_LINE, text, true).then().statusCode(200);
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=bell-unread]"), "1"));
        screenshot("02-notification-arrived");

        browser.findElement(By.cssSelector("[data-testid=bell]")).click();
        WebElement notification = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid=notification]")));
        assertThat(notification.getText()).contains("Grace Hopper").contains("is the offer still valid?");
        screenshot("03-bell-open");
        notification.click();

        wait.until(ExpectedConditions.textToBe(By.id("pane-title"), "Grace Hopper"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=messages]"), text));
        assertThat(browser.findElements(By.cssSelector("[data-testid=bell-unread]"))).isEmpty();

        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
                By.cssSelector("[data-testid=template-select] option"), 1));
        new Select(browser.findElement(By.cssSelector("[data-testid=template-select]")))
                .selectByVisibleText(TEMPLATE_NAME + " (organisation, en)");
        String filled = "Hello Grace, yes: the offer is valid until Friday. Alice";
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=template-preview] .filled"), filled));
        browser.findElement(By.cssSelector("[data-testid=use-template]")).click();
        assertThat(browser.findElement(By.cssSelector("[data-testid=message-text]")).getDomProperty("value"))
                .isEqualTo(filled);
        assertThat(browser.findElement(By.cssSelector("[data-testid=segment-counter]")).getText())
                .isEqualTo("GSM-7 · " + filled.length() + " of 160 · 1 SMS");
        screenshot("04-template-chosen");
        browser.findElement(By.cssSelector("[data-testid=send]")).click();

        By sent = By.xpath("//li[@data-direction='OUTBOUND'][contains(., '" + filled + "')]"
                + "//*[@data-testid='delivery-status']");
        wait.until(ExpectedConditions.attributeToBe(sent, "data-status", "DELIVERED"));
        assertThat(browser.findElement(sent).getText()).isEqualTo("Delivered");
        screenshot("05-reply-delivered");

        // The message the console sent is the template's, filled by the service for this record and this seller.
        JsonPath history = JsonPath.from(RunningSuite.asSeller(ALICE).get(suite.conversationUrl()
                + "/api/conversations/" + currentConversationId() + "/messages").then().statusCode(200).extract()
                .asString());
        assertThat(history.getList("items.body")).containsExactly(text, filled);
        assertThat(history.getString("items[1].delivery.status")).isEqualTo("DELIVERED");

        browser.findElement(By.linkText("My SMS conversations")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-testid=conversation][data-customer='" + GRACE_NUMBER + "']")));
        assertThat(browser.findElements(By.cssSelector("[data-testid=conversation]")))
                .extracting(e -> e.getDomAttribute("data-customer")).doesNotContain(LINUS_NUMBER);
        assertThat(browser.findElement(By.cssSelector("[data-testid=conversation-list]")).getText())
                .doesNotContain("Linus");
        screenshot("06-list-without-bobs-conversation");

        // Even by its address, Bob's conversation shows nothing but the API's 404 in words.
        browser.get(suite.consoleUrl() + "/#/conversations/" + bobsConversation);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=alert]"),
                "This does not exist, or you may not see it."));
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Linus");
        screenshot("07-bobs-conversation-refused");
    }

    private static void signIn(String user, String password) {
        browser.get(suite.consoleUrl() + "/");
        // Keycloak's own login page: the console has redirected with a PKCE challenge.
        wait.until(ExpectedConditions.urlContains(suite.keycloakIssuer() + "/protocol/openid-connect/auth"));
        assertThat(browser.getCurrentUrl()).contains("code_challenge_method=S256").contains("client_id=seller-console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        screenshot("00-keycloak-login");
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains(suite.consoleUrl()));
    }

    private static String currentConversationId() {
        String url = browser.getCurrentUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static WebDriver chromium() {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are needed for the console's "
                    + "browser test: apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        try {
            Path profile = Files.createTempDirectory("sms-console-chromium");
            // The machine's closed network refuses Chromium's own background connections: none are made.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(String name) {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(screenshots.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitInConversationService(String sellerId, String recordId, String number) {
        await().atMost(PATIENCE).untilAsserted(() -> RunningSuite.asSeller(sellerId)
                .get(suite.conversationUrl() + "/api/records/" + recordId + "/conversations")
                .then().statusCode(200)
                .body("record.inDirectory", is(true))
                .body("numbers.number", hasItem(number)));
    }

    private static DirectoryRecord contact(String id, String name, String number, String owner, Instant modified) {
        return new DirectoryRecord(id, RecordType.CONTACT, name, Owner.seller(owner), true, modified,
                List.of(new PhoneNumber(PhoneKind.MOBILE, number)), null);
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
