-- 从众: whether the community's 议事规则 count owners who did not vote with the majority. Off by default
-- (the law is unsettled); decisions copy it when convened and always show the strict 278 result beside it.
ALTER TABLE communities ADD COLUMN vote_follow_majority boolean NOT NULL DEFAULT false;
