-- The solver each scenario chose (toy-v1 or lp-v1). Rows written before solvers could be chosen
-- were all solved by toy-v1.
alter table run_scenarios add column solver text not null default 'toy-v1';
