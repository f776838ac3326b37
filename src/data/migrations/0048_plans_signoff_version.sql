-- Sign-off records which version of the plan was submitted and which was accepted: the plan's revision, the number of
-- changes recorded in its history at that moment (so "revision 212" can be found again in the timeline).
ALTER TABLE submission ADD COLUMN plan_revision integer;
ALTER TABLE submission ADD COLUMN accepted_revision integer;
