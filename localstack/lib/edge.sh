# The local edge on 127.0.0.1:$EDGE_PORT: what API Gateway and Lambda's event source mappings do in AWS (the HTTP
# API, the WebSocket API with @connections, SQS and DynamoDB stream polling). Configured by the Terraform outputs, so it starts after
# terraform_up and the services; built with Maven when its sources changed, restarted when the outputs change.

EDGE_DIR=$ROOT/localstack/edge
EDGE_JAR=$EDGE_DIR/target/edge.jar
EDGE_OUTPUTS=$ENV_DIR/terraform-outputs.json

# What the edge reads at start-up besides its jar: the Terraform outputs, its origins and the admin app's port.
edge_outputs_sum() { { cat "$EDGE_OUTPUTS" 2>/dev/null; echo "$CORS_ALLOWED_ORIGINS $ADMIN_PORT"; } | sha1sum | cut -d' ' -f1; }

# terraform_output NAME: a string output of the local environment, empty when it has none.
terraform_output() {
  python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], {}).get("value") or "")' "$1" <"$EDGE_OUTPUTS"
}

# The edge's environment: where the services listen, how tokens are checked, what the emulator is.
write_edge_env() {
  local s urls=
  for s in "${SERVICE_ORDER[@]}"; do urls+="${urls:+,}$s=http://127.0.0.1:${SERVICE_PORTS[$s]}"; done
  {
    echo "SERVER_PORT=$EDGE_PORT"
    echo "EDGE_TERRAFORM_OUTPUTS=$EDGE_OUTPUTS"
    echo "SERVICE_URLS=$urls"
    echo "AWS_REGION=$AWS_REGION"
    echo "AWS_ENDPOINT_URL=$AWS_ENDPOINT"
    echo "AWS_ACCESS_KEY_ID=test"
    echo "AWS_SECRET_ACCESS_KEY=test"
    echo "JWT_ISSUER=http://localhost:${SERVICE_PORTS[user-service]}"
    echo "JWT_AUDIENCE=$JWT_AUDIENCE"
    echo "JWT_DISCOVERY_URL=http://127.0.0.1:${SERVICE_PORTS[user-service]}/.well-known/openid-configuration"
    echo "CORS_ALLOWED_ORIGINS=$CORS_ALLOWED_ORIGINS"
    echo "EDGE_SECRET=$(edge_secret)"
    # Where the stream pollers keep their place, so that a restarted edge resumes after what it handled.
    echo "ESM_CHECKPOINT_DIR=$STATE_DIR/edge/checkpoints"
    # Each stream mapping runs the lanes Terraform gives it (parallelization_factor, as in AWS) unless this overrides it.
    [ -z "${ESM_STREAM_PARALLELIZATION_FACTOR:-}" ] || echo "ESM_STREAM_PARALLELIZATION_FACTOR=$ESM_STREAM_PARALLELIZATION_FACTOR"
    echo "WEB_BUCKET=$(terraform_output static_web_bucket)"
    # The admin app's origin: its own port and bucket.
    echo "ADMIN_BUCKET=$(terraform_output static_admin_bucket)"
    echo "ADMIN_PORT=$ADMIN_PORT"
  } >"$ENV_DIR/edge.env.tmp"
  chmod 600 "$ENV_DIR/edge.env.tmp"
  mv "$ENV_DIR/edge.env.tmp" "$ENV_DIR/edge.env"
}

# edge_launch: builds the edge when its sources changed and (re)starts it when it is not running, or runs an older jar
# or older Terraform outputs; does not wait for it to be live.
edge_launch() {
  [ -s "$EDGE_OUTPUTS" ] || fail edge "$EDGE_OUTPUTS is missing: terraform_up writes it (tf output -json)"
  # Routes and mappings are read at start-up: new Terraform outputs need a restart.
  if running edge && ! needs_build "$EDGE_DIR" "$EDGE_JAR" && ! rebuilt_since_start edge "$EDGE_JAR" \
      && [ "$(edge_outputs_sum)" = "$(cat "$PID_DIR/edge.outputs" 2>/dev/null)" ]; then
    step edge "already running on http://127.0.0.1:$EDGE_PORT"; return
  fi
  needs_build "$EDGE_DIR" "$EDGE_JAR" && build_java edge "$EDGE_DIR"
  if running edge; then info "sources, jar or Terraform outputs changed: restarting"; stop_pid edge; fi
  port_open "$ADMIN_PORT" && fail edge "port $ADMIN_PORT (ADMIN_PORT, the admin app's origin) is taken by another process"
  write_edge_env
  step edge "starting on http://127.0.0.1:$EDGE_PORT (WebSocket ws://localhost:$EDGE_PORT/ws; admin app on :$ADMIN_PORT)"
  edge_outputs_sum >"$PID_DIR/edge.outputs"
  launch_java edge "$EDGE_DIR" "$EDGE_JAR" "$ENV_DIR/edge.env" "$EDGE_PORT"
}

edge_down() {
  running edge || { rm -f "$PID_DIR/edge.pid"; return 0; }
  step edge "stopping"
  stop_pid edge
  rm -f "$PID_DIR/edge.outputs"
}

edge_status() {
  if running edge; then
    printf '%-12s up    http://127.0.0.1:%s (health %s)\n' edge "$EDGE_PORT" "$(health_code "$EDGE_PORT")"
  else
    printf '%-12s down\n' edge
  fi
}
