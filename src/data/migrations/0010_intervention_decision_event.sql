-- A recorded decision changes the register: the event it starts or ends carries the decision's id, so the register
-- shows which decision put an intervention in force or lifted it ("No intervention" ends what is in force).
ALTER TABLE intervention_event ADD COLUMN decision_id integer REFERENCES intervention_decision(id);
