package io.smsconversations.routing.admin;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.BusinessNumber;
import io.smsconversations.events.DirectoryRecord;
import io.smsconversations.events.E164;
import io.smsconversations.events.Seller;
import io.smsconversations.events.Topics;
import io.smsconversations.routing.directory.DirectoryNormaliser;
import io.smsconversations.routing.directory.DirectoryPublisher;
import io.smsconversations.routing.directory.DirectoryStore;
import io.smsconversations.routing.directory.InvalidDirectoryEntryException;

/**
 * The directory administration API (role {@code sms-admin}). A change is checked, normalised (numbers to E.164) and
 * published to its compacted topic; the answer, 202, comes once Kafka has acknowledged it. The service's own
 * consumer then stores it, as every other service learns it: the tables are never written from here, so reads
 * (the GETs) show a change a moment after the 202.
 */
@Path("/api/admin")
@RolesAllowed("sms-admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Directory administration",
        description = "Records, sellers, teams and business numbers that routing decides with (role sms-admin)")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is not an sms-admin")
// the operations are declared by the interface, where SmallRye would not see this class's security
@SecurityRequirement(name = "SecurityScheme", scopes = "sms-admin")
public class DirectoryAdminResource implements DirectoryAdminApi {

    private static final Logger LOG = Logger.getLogger(DirectoryAdminResource.class);

    private final DirectoryNormaliser normaliser;

    private final DirectoryPublisher publisher;

    private final DirectoryStore store;

    private final Clock clock;

    DirectoryAdminResource(DirectoryNormaliser normaliser, DirectoryPublisher publisher, DirectoryStore store,
            Clock clock) {
        this.normaliser = normaliser;
        this.publisher = publisher;
        this.store = store;
        this.clock = clock;
    }

    // --- records

    @Override
    public Uni<Response> putRecord(String id, DirectoryRecord record) {
        DirectoryRecord normalised = valid(() -> normaliser.record(id, record, clock.instant()));
        return published(publisher.publishRecord(normalised), Topics.DIRECTORY_RECORDS, normalised)
                .invoke(() -> LOG.infof("record %s published (%d phone number(s))", id, normalised.phones().size()));
    }

    @Override
    public Uni<Response> deleteRecord(String id) {
        return published(publisher.deleteRecord(id), Topics.DIRECTORY_RECORDS, null);
    }

    @Override
    public Uni<DirectoryRecord> getRecord(String id) {
        return store.record(id).map(found -> found.orElseThrow(() -> new NotFoundException("no record " + id)));
    }

    @Override
    public Uni<List<DirectoryRecord>> recordsByPhone(String phone) {
        String number = normaliser.phone(phone).orElseThrow(() -> Problems.notAPhoneNumber("phone"));
        return store.recordsCarrying(number);
    }

    // --- sellers

    @Override
    public Uni<Response> putSeller(String id, Seller seller) {
        Seller normalised = valid(() -> normaliser.seller(id, seller));
        return published(publisher.publishSeller(normalised), Topics.DIRECTORY_SELLERS, normalised);
    }

    @Override
    public Uni<Response> deleteSeller(String id) {
        return published(publisher.deleteSeller(id), Topics.DIRECTORY_SELLERS, null);
    }

    @Override
    public Uni<Seller> getSeller(String id) {
        return store.seller(id).map(found -> found.orElseThrow(() -> new NotFoundException("no seller " + id)));
    }

    // --- business numbers

    @Override
    public Uni<Response> putBusinessNumber(String number, BusinessNumber body) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        BusinessNumber normalised = valid(() -> normaliser.businessNumber(key, body));
        return store.businessNumberNameTaken(normalised.name(), key).chain(taken -> {
            if (taken) {
                throw Problems.conflict("another business number is already named '" + normalised.name() + "'");
            }
            return published(publisher.publishBusinessNumber(normalised), Topics.DIRECTORY_BUSINESS_NUMBERS,
                    normalised);
        }).invoke(() -> LOG.infof("business number %s published", E164.masked(key)));
    }

    @Override
    public Uni<Response> deleteBusinessNumber(String number) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        return published(publisher.deleteBusinessNumber(key), Topics.DIRECTORY_BUSINESS_NUMBERS, null);
    }

    @Override
    public Uni<BusinessNumber> getBusinessNumber(String number) {
        String key = valid(() -> normaliser.businessNumberKey(number), "path");
        return store.businessNumber(key)
                .map(found -> found.orElseThrow(() -> new NotFoundException("no such business number")));
    }

    // --- helpers

    static <T> T valid(Supplier<T> normalise) {
        return valid(normalise, "body");
    }

    static <T> T valid(Supplier<T> normalise, String in) {
        try {
            return normalise.get();
        } catch (InvalidDirectoryEntryException e) {
            throw Problems.invalid(e, in);
        }
    }

    /** 202 with {@code body} once Kafka acknowledged; 503 when it did not. */
    static Uni<Response> published(Uni<Void> publication, String topic, Object body) {
        return publication
                .map(ignored -> (body == null ? Response.accepted() : Response.accepted(body)).build())
                .onFailure(failure -> !(failure instanceof WebApplicationException)
                        && !(failure instanceof HttpProblem))
                .transform(failure -> {
                    LOG.errorf("publishing to %s failed: %s", topic, failure.getClass().getName());
                    return Problems.unavailable(topic);
                });
    }
}
