-- The theme sub-heading a report groups a recommendation under ("Leadership, management and governance", "Care
-- leavers"), as the report reader finds it; copied to the plan item, where it can then be edited.
ALTER TABLE recommendation ADD COLUMN theme text;
