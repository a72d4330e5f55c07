# `terraform apply` of terraform/environments/local against the emulator; its outputs become the
# services' environment files, so no queue, topic or table name is written twice.

TF_ENV_DIR=$ROOT/terraform/environments/local
TF_STATE=$STATE_DIR/terraform/local.tfstate
TF_STAMP=$STATE_DIR/terraform/local.applied

tf() { TF_DATA_DIR=$STATE_DIR/terraform/local-data "$ROOT/localstack/bin/tf" -chdir="$TF_ENV_DIR" "$@"; }

# What the applied state depends on: the Terraform sources and the emulator instance that holds the resources.
tf_fingerprint() {
  { find "$ROOT/terraform" -name '*.tf' -not -path '*/.terraform/*' -print0 | sort -z | xargs -0 cat
    echo "$AWS_ENDPOINT"; tf_cors_origins; cat "$STATE_DIR/emulator.instance" 2>/dev/null; } | sha1sum | cut -d' ' -f1
}

# Origins the media bucket's CORS admits: the pages that upload to it (presigned PUT) are the app the edge serves
# and the other allowed origins but the admin app's, which shows no media; the emulator is a different origin.
tf_cors_origins() {
  local o list=\"$WEB_APP_URL\"
  for o in ${CORS_ALLOWED_ORIGINS//,/ }; do [ "$o" = "$WEB_APP_URL" ] || [ "$o" = "$ADMIN_APP_URL" ] || list+=",\"$o\""; done
  echo "[$list]"
}

terraform_up() {
  command -v terraform >/dev/null || fail terraform "terraform not found: install Terraform 1.6 or newer"
  [ -d "$TF_ENV_DIR" ] || fail terraform "$TF_ENV_DIR is missing"
  mkdir -p "$STATE_DIR/terraform"
  local fingerprint; fingerprint=$(tf_fingerprint)
  if [ -f "$TF_STAMP" ] && [ "$(cat "$TF_STAMP")" = "$fingerprint" ] && [ -s "$TF_STATE" ]; then
    step terraform "local environment already applied"
  else
    if [ -s "$TF_STATE" ] && ! grep -qs "$(cat "$STATE_DIR/emulator.instance" 2>/dev/null || echo none)" "$STATE_DIR/terraform/local.instance"; then
      info "the emulator was restarted: its resources are gone, so the old state is dropped"
      rm -f "$TF_STATE" "$TF_STATE.backup"
    fi
    step terraform "apply terraform/environments/local (first run takes a minute: SQS queues are slow to create)"
    local log=$LOG_DIR/terraform.log
    tf init -input=false -reconfigure -backend-config="path=$TF_STATE" >>"$log" 2>&1 \
      || fail terraform "terraform init failed" "$log"
    tf apply -input=false -auto-approve -no-color -var "aws_endpoint=$AWS_ENDPOINT" \
      -var "cors_origins=$(tf_cors_origins)" >>"$log" 2>&1 \
      || fail terraform "terraform apply failed" "$log"
    echo "$fingerprint" >"$TF_STAMP"
    cp "$STATE_DIR/emulator.instance" "$STATE_DIR/terraform/local.instance" 2>/dev/null || true
    ok "applied"
  fi
  write_env_files
}

# One env file per service: the settings every service shares, its own, and the Terraform outputs for it.
write_env_files() {
  local outputs=$ENV_DIR/terraform-outputs.json
  # Outputs change only with the state: read them again only after an apply (terraform output takes seconds).
  if ! [ -s "$outputs" ] || [ "$TF_STATE" -nt "$outputs" ]; then
    tf output -json >"$outputs.tmp" || fail terraform "terraform output failed" "$LOG_DIR/terraform.log"
    mv "$outputs.tmp" "$outputs"
  fi
  local pg_password; pg_password=$(cat "$STATE_DIR/postgres/password" 2>/dev/null || true)
  local s
  for s in "${SERVICE_ORDER[@]}"; do
    {
      echo "SERVER_PORT=${SERVICE_PORTS[$s]}"
      echo "AWS_REGION=$AWS_REGION"
      echo "AWS_ENDPOINT_URL=$AWS_ENDPOINT"
      echo "AWS_ACCESS_KEY_ID=test"
      echo "AWS_SECRET_ACCESS_KEY=test"
      echo "JWT_ISSUER=http://localhost:${SERVICE_PORTS[user-service]}"
      echo "JWT_AUDIENCE=$JWT_AUDIENCE"
      echo "JWT_JWKS_URL=http://127.0.0.1:${SERVICE_PORTS[user-service]}/.well-known/jwks.json"
      echo "CORS_ALLOWED_ORIGINS=$CORS_ALLOWED_ORIGINS"
      echo "REDIS_URI=redis://127.0.0.1:$REDIS_PORT/0"
      echo "USER_SERVICE_URL=http://127.0.0.1:${SERVICE_PORTS[user-service]}"
      echo "CHAT_SERVICE_URL=http://127.0.0.1:${SERVICE_PORTS[chat-service]}"
      echo "MEDIA_SERVICE_URL=http://127.0.0.1:${SERVICE_PORTS[media-service]}"
      echo "NOTIFICATION_SERVICE_URL=http://127.0.0.1:${SERVICE_PORTS[notification-service]}"
      echo "WEBSOCKET_MANAGEMENT_URL=http://127.0.0.1:$EDGE_PORT"
      echo "EDGE_SECRET=$(edge_secret)"
      if [ "$s" = user-service ]; then
        echo "DB_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/user_service"
        echo "DB_USER=$PG_USER"
        echo "DB_PASSWORD=$pg_password"
        echo "JWT_SIGNING_KEY_FILE=$SIGNING_KEYS_FILE"
        # `make rotate-keys` is seen within seconds (in AWS within a minute, the default).
        echo "JWT_KEYS_RELOAD_SECONDS=2"
        # Every local client (browser, e2e, bench) comes from 127.0.0.1: one address's quota would be everyone's.
        echo "REGISTRATIONS_PER_ADDRESS=1000"
        echo "LOGIN_THROTTLE_PER_ADDRESS=1000"
      fi
      if [ "$s" = chat-service ]; then
        # The same for WebSocket connections: the bench alone opens hundreds from 127.0.0.1.
        echo "WS_MAX_CONNECTIONS_PER_ADDRESS=100000"
        # Per-user rate limits far above AWS's defaults: the fuzzer drives one user through thousands of requests in
        # a minute and the bench pings one socket back to back (chat-service's RateLimitsIT tests the limits).
        echo "RATE_LIMIT_REQUESTS_BURST=2000"; echo "RATE_LIMIT_REQUESTS_PER_SECOND=500"
        echo "RATE_LIMIT_SENDS_BURST=500"; echo "RATE_LIMIT_SENDS_PER_SECOND=100"
        echo "RATE_LIMIT_WS_FRAMES_BURST=1000"; echo "RATE_LIMIT_WS_FRAMES_PER_SECOND=300"
      fi
      python3 -c 'import json,sys; [print(f"{k}={v}") for k, v in sorted(json.load(sys.stdin)["service_environment"]["value"].get(sys.argv[1], {}).items())]' "$s" <"$outputs" \
        || fail terraform "no service_environment output" "$LOG_DIR/terraform.log"
    } >"$ENV_DIR/$s.env.tmp"
    chmod 600 "$ENV_DIR/$s.env.tmp"
    # Replaced only when it changed, so that its time says when the service's settings last changed (service_launch).
    if cmp -s "$ENV_DIR/$s.env.tmp" "$ENV_DIR/$s.env"; then rm -f "$ENV_DIR/$s.env.tmp"; else mv "$ENV_DIR/$s.env.tmp" "$ENV_DIR/$s.env"; fi
  done
}

terraform_status() {
  if [ -s "$TF_STATE" ]; then
    echo "terraform    applied  $(grep -c '"type":' "$TF_STATE" 2>/dev/null || echo 0) resources in $TF_STATE"
  else
    echo "terraform    not applied"
  fi
}
