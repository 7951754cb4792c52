-- Issue 16: a reply that routing decided before it knew of a move (routing learns of moves from Kafka, a moment after
-- the move answered) is stored in the moved conversation instead of opening a second thread on the old record.

-- The two numbers of the conversation a move was made on (they never change, a merge keeps them), so the attach path
-- finds the moves of a pair from a record with one index range, whatever conversation the move now points to.
ALTER TABLE conversation_move
    ADD COLUMN customer_number VARCHAR(32),
    ADD COLUMN business_number VARCHAR(32);
-- Every move points to a conversation that exists: a merge re-points the moves before it deletes the conversation.
UPDATE conversation_move m
   SET customer_number = c.customer_number, business_number = c.business_number
  FROM conversation c
 WHERE c.id = m.conversation_id;
ALTER TABLE conversation_move
    ALTER COLUMN customer_number SET NOT NULL,
    ALTER COLUMN business_number SET NOT NULL;
CREATE INDEX conversation_move_by_pair ON conversation_move (customer_number, business_number, from_record_id, moved_at);

-- Why a redirected reply is where it is: the record routing chose, and the move that took it to this conversation.
-- Both null for every other message.
ALTER TABLE message
    ADD COLUMN routed_record_id VARCHAR(128),
    ADD COLUMN redirect_move_id UUID;
