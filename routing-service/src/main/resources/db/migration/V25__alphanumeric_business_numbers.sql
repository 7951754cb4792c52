-- Issue 14 item 7: an alphanumeric sender id is a business number too. Its key (at most 11 characters) and a short
-- code's (US:12345678, at most 11) fit the VARCHAR(16) key columns; only the type's check is widened.
ALTER TABLE directory_business_number DROP CONSTRAINT directory_business_number_type_check;
ALTER TABLE directory_business_number ADD CONSTRAINT directory_business_number_type_check
    CHECK (type IN ('LONG_CODE', 'SHORT_CODE', 'TOLL_FREE', 'ALPHANUMERIC'));
