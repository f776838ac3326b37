-- Machine clients of the JSON endpoints (the DfE CSC API): one per sending system, registered by an administrator for
-- one LA. Secrets, supplier keys and access tokens are random 256-bit values stored only as SHA-256 hashes.
CREATE TABLE api_client (
  id serial PRIMARY KEY,
  client_id text NOT NULL UNIQUE,
  la_code text NOT NULL,
  name text NOT NULL,
  scopes text[] NOT NULL,
  secret_hash text NOT NULL,
  supplier_key_hash text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by text
);
CREATE INDEX api_client_la ON api_client (la_code);

-- Bearer tokens issued by the client-credentials grant; a token dies with its expiry, its own revocation or its client's.
CREATE TABLE api_token (
  token_hash text PRIMARY KEY,
  client_id integer NOT NULL REFERENCES api_client(id),
  scopes text[] NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX api_token_client ON api_token (client_id);
