-- A settled project reads as it was settled: each share keeps the unit's balance after the settlement and
-- whether it fell below the top-up line then, instead of being recomputed from today's sub-account.
-- Shares settled before this migration keep NULL and are read from today's sub-account as before.
ALTER TABLE fund_project_shares
  ADD COLUMN balance_after_fen bigint CHECK (balance_after_fen >= 0),
  ADD COLUMN needs_top_up boolean,
  ADD CONSTRAINT fund_project_shares_as_settled CHECK ((balance_after_fen IS NULL) = (needs_top_up IS NULL));
