-- A settled project reads as it was settled: each share keeps the unit's balance after the settlement and
-- whether it fell below the top-up line then, instead of being recomputed from today's sub-account.
-- Shares settled before this migration keep NULL and are read from today's sub-account as before.
ALTER TABLE fund_project_shares
  ADD COLUMN balance_after_fen bigint CHECK (balance_after_fen >= 0),
  ADD COLUMN needs_top_up boolean,
  ADD CONSTRAINT fund_project_shares_as_settled CHECK ((balance_after_fen IS NULL) = (needs_top_up IS NULL));

-- A published disclosure's display period and correction reason are part of what was published too.
CREATE OR REPLACE FUNCTION disclosure_items_frozen() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF OLD.status <> 'draft' AND (
       NEW.title, NEW.body, NEW.content, NEW.attachments, NEW.period_from, NEW.period_to, NEW.published_at,
       NEW.display_until, NEW.type, NEW.community_id, NEW.series_id, NEW.version, NEW.source_ref,
       NEW.min_display_days, NEW.correction_note, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM (
       OLD.title, OLD.body, OLD.content, OLD.attachments, OLD.period_from, OLD.period_to, OLD.published_at,
       OLD.display_until, OLD.type, OLD.community_id, OLD.series_id, OLD.version, OLD.source_ref,
       OLD.min_display_days, OLD.correction_note, OLD.created_by, OLD.created_at)
     OR (OLD.status = 'superseded' AND NEW.status <> 'superseded') THEN
    RAISE EXCEPTION 'published disclosure % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
