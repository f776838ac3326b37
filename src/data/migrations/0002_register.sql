-- The national register: local authorities, statistical neighbours, child population, published statistics, Ofsted outcomes.
CREATE TABLE local_authority (
  la_code text PRIMARY KEY,            -- old 3-digit code, e.g. 330
  ons_code text UNIQUE,                -- E08000025
  name text NOT NULL,
  region text NOT NULL,
  la_type text NOT NULL,
  is_current boolean NOT NULL
);

CREATE TABLE statistical_neighbour (
  model text NOT NULL,                 -- '2021' | '2025'
  la_code text NOT NULL,
  neighbour_code text NOT NULL,
  rank integer NOT NULL,
  band text NOT NULL,                  -- Extremely close | Very close | Close | Somewhat close | Not close
  PRIMARY KEY (model, la_code, neighbour_code)
);

CREATE TABLE child_population (
  area_code text NOT NULL,             -- la_code | region name | 'England'
  geographic_level text NOT NULL,
  year integer NOT NULL,               -- ONS mid-year
  population integer NOT NULL,         -- aged 0-17
  vintage text NOT NULL,
  PRIMARY KEY (area_code, year)
);

CREATE TABLE statistic (
  dataset text NOT NULL,
  measure text NOT NULL,
  geographic_level text NOT NULL,
  area_code text NOT NULL,
  year integer NOT NULL,               -- year ending 31 March
  value double precision,
  symbol text,                         -- suppression symbol as published (c x z k u .. : -); NULL when a value is present
  PRIMARY KEY (dataset, measure, geographic_level, area_code, year)
);
CREATE INDEX statistic_area ON statistic (area_code, dataset, measure);

CREATE TABLE stat_measure (
  dataset text NOT NULL,
  measure text NOT NULL,
  title text NOT NULL,
  unit text NOT NULL,
  polarity text,
  description text,
  PRIMARY KEY (dataset, measure)
);

CREATE TABLE inspection (
  id serial PRIMARY KEY,
  la_code text NOT NULL,
  framework text NOT NULL,
  start_date date,
  end_date date,
  published date,
  overall_grade text,
  source text NOT NULL,
  source_key text NOT NULL UNIQUE
);
CREATE INDEX inspection_la ON inspection (la_code);

CREATE TABLE inspection_judgement (
  inspection_id integer NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
  area text NOT NULL,
  grade text NOT NULL CHECK (grade IN ('Outstanding', 'Good', 'Requires improvement', 'Inadequate')),
  original_label text,
  PRIMARY KEY (inspection_id, area)
);
