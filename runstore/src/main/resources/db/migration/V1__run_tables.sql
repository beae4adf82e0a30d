-- Run metadata: one row per run, one per (run, scenario) with its knobs, KPIs, QC verdict and stage
-- timestamps, one per QC check. Writers upsert on the primary keys, so a replayed event never
-- duplicates a row.

create table runs (
    run_id           text        primary key,
    dt               date        not null,
    created_at_utc   timestamptz not null,
    scenario_count   int         not null check (scenario_count > 0),
    status           text        not null check (status in ('running', 'passed', 'failed', 'partial')),
    run_metadata_key text,
    completed_at_utc timestamptz,
    updated_at       timestamptz not null default now()
);

create index runs_created_at_utc_idx on runs (created_at_utc desc);

create table run_scenarios (
    run_id                  text             not null references runs (run_id),
    scenario_id             text             not null,
    seed                    bigint           not null,
    demand_scale            double precision not null,
    variable_cost_scale     double precision not null,
    logistics_cost_scale    double precision not null,
    notes                   text             not null default '',
    -- KPIs are null for a scenario that failed before it was solved.
    total_cost              double precision,
    variable_cost           double precision,
    overtime_cost           double precision,
    inbound_logistics_cost  double precision,
    outbound_logistics_cost double precision,
    total_demand            double precision,
    total_capacity          double precision,
    capacity_utilization    double precision,
    chosen_site             text,
    verdict                 text             not null check (verdict in ('passed', 'failed')),
    failed_checks           text[]           not null,
    artifact_prefix         text,
    requested_at_utc        timestamptz,
    solved_at_utc           timestamptz,
    published_at_utc        timestamptz,
    checked_at_utc          timestamptz      not null,
    updated_at              timestamptz      not null default now(),
    primary key (run_id, scenario_id)
);

create table qc_checks (
    run_id         text        not null,
    scenario_id    text        not null,
    check_name     text        not null,
    passed         boolean     not null,
    detail         text        not null,
    checked_at_utc timestamptz not null,
    primary key (run_id, scenario_id, check_name),
    foreign key (run_id, scenario_id) references run_scenarios (run_id, scenario_id)
);
