# Sourced by ../sms: the sample directory of the local run, published through routing-service's admin API.
# Two named teams with a seller each, one business number per team, one contact per seller, and an opportunity of
# Alice's with Grace as its customer (the contact view's drop-down).

ALICE_ID=a11ce000-0000-4000-8000-000000000001
BOB_ID=b0b00000-0000-4000-8000-000000000002
NORTH_NUMBER=+14255550199
SOUTH_NUMBER=+14255550188
ALICE_CUSTOMER=+14255550100
BOB_CUSTOMER=+14255550111

seed_directory() {
  local token=$1
  admin_put "$token" "teams/team-north" "{\"id\":\"team-north\",\"name\":\"North\"}"
  admin_put "$token" "teams/team-south" "{\"id\":\"team-south\",\"name\":\"South\"}"
  admin_put "$token" "sellers/$ALICE_ID" \
    "{\"id\":\"$ALICE_ID\",\"name\":\"Alice North\",\"teamIds\":[\"team-north\"],\"sellerPrivilege\":true}"
  admin_put "$token" "sellers/$BOB_ID" \
    "{\"id\":\"$BOB_ID\",\"name\":\"Bob South\",\"teamIds\":[\"team-south\"],\"sellerPrivilege\":true}"
  admin_put "$token" "business-numbers/%2B${NORTH_NUMBER#+}" \
    "{\"number\":\"$NORTH_NUMBER\",\"name\":\"North sales line\",\"type\":\"LONG_CODE\",\"ownerSellerIds\":[\"$ALICE_ID\"],\"ownerTeamIds\":[\"team-north\"],\"provider\":\"twilio\"}"
  admin_put "$token" "business-numbers/%2B${SOUTH_NUMBER#+}" \
    "{\"number\":\"$SOUTH_NUMBER\",\"name\":\"South sales line\",\"type\":\"LONG_CODE\",\"ownerSellerIds\":[\"$BOB_ID\"],\"ownerTeamIds\":[\"team-south\"],\"provider\":\"twilio\"}"
  admin_put "$token" "records/contact-grace" \
    "{\"id\":\"contact-grace\",\"type\":\"CONTACT\",\"name\":\"Grace Hopper\",\"owner\":{\"sellerId\":\"$ALICE_ID\"},\"active\":true,\"modifiedOn\":\"2026-11-01T09:00:00Z\",\"phones\":[{\"kind\":\"MOBILE\",\"number\":\"+1 (425) 555-0100\"}]}"
  admin_put "$token" "records/contact-linus" \
    "{\"id\":\"contact-linus\",\"type\":\"CONTACT\",\"name\":\"Linus Torvalds\",\"owner\":{\"sellerId\":\"$BOB_ID\"},\"active\":true,\"modifiedOn\":\"2026-11-01T09:00:00Z\",\"phones\":[{\"kind\":\"MOBILE\",\"number\":\"14255550111\"}]}"
  admin_put "$token" "records/opportunity-cobol" \
    "{\"id\":\"opportunity-cobol\",\"type\":\"OPPORTUNITY\",\"name\":\"COBOL modernisation\",\"owner\":{\"sellerId\":\"$ALICE_ID\"},\"active\":true,\"modifiedOn\":\"2026-11-02T09:00:00Z\",\"customerId\":\"contact-grace\",\"relatedContactIds\":[\"contact-grace\"]}"
}
