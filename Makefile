# The messenger backend: local cloud, tests, contracts and packaging.
# Every target prints what it is doing; `make` alone lists them.

LOCAL_CLOUD ?= moto
SERVICES    ?= user-service chat-service media-service notification-service
ENDPOINT    ?=
CLOUD       := localstack/bin/cloud
export LOCAL_CLOUD

.DEFAULT_GOAL := help
.PHONY: help up down status logs admin test test-one e2e web-dev contracts tf-validate tf-plan package clean bench fuzz chaos mutation rotate-keys

help: ## List the targets
	@echo "Usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_-]+:.*## / {printf "  \033[1m%-12s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

up: ## Start the local cloud (emulator, PostgreSQL, Redis, Terraform local env, services, edge) and the web app at http://localhost:8080/
	@$(CLOUD) up

web-dev: ## Vite's dev server for the web app with hot reload, the API and /ws forwarded to the edge (`make up` first)
	@$(CLOUD) web-dev

down: ## Stop everything `make up` started
	@$(CLOUD) down

status: ## Show what runs where
	@$(CLOUD) status

rotate-keys: ## Rotate user-service's access-token signing keys in the running stack (next becomes current; live tokens stay valid)
	@$(CLOUD) rotate-keys

logs: ## Show the last lines of every log; `make logs C=user-service` follows one
	@$(CLOUD) logs $(C)

admin: ## Grant the admin role to a user of the running stack: `make admin U=alice` (`REVOKE=1` takes it back)
	@localstack/bin/admin "$(U)" $(if $(REVOKE),--revoke)

test: ## Run every check and test against real servers (starts and stops what it needs)
	@localstack/bin/run-tests

test-one: ## Test one part alone: `make test-one P=user-service` (or P=kit, P=edge, P=terraform)
	@localstack/bin/run-tests $(P)

e2e: ## Run the end-to-end scenario through the edge against the whole stack (starts and stops what it needs)
	@e2e/run

contracts: ## Consumers write contracts/, providers verify it; prints the matrix and fails if any pact breaks
	@contracts/gate/run

bench: ## Load-test the running `make up` stack; writes bench/results/<time>.{json,md,svg}: `make bench ARGS="--users 100"`
	@bench/run $(ARGS)

fuzz: ## Malformed requests from every OpenAPI file, through the edge and to each service: no 5xx (starts what it needs)
	@reliability/run fuzz $(ARGS)

chaos: ## Faults under load (kill -9, restarts, poison messages): lost/duplicated per fault; `make chaos ARGS=--short`
	@reliability/run chaos $(ARGS)

mutation: ## Mutation testing (PIT) of each service's domain packages with its unit tests: reliability/results/mutation.{json,md}; `make mutation S=chat-service`
	@reliability/mutation/run $(S)

tf-validate: ## Terraform fmt, validate and offline tests of every module and environment
	@terraform/scripts/check.sh

tf-plan: ## Plan the dev environment against the running emulator (`make up` first): `make tf-plan ENDPOINT=http://127.0.0.1:4566`
	@terraform/scripts/plan-emulator.sh dev $(ENDPOINT)

package: ## Build every service whose sources changed and zip it for Lambda: services/<name>/target/<name>-lambda.zip
	@$(CLOUD) build $(SERVICES)
	@terraform/scripts/package.sh $(SERVICES)

clean: ## Stop everything, delete local state and build output
	@$(CLOUD) clean
	@for d in $(addprefix services/,$(SERVICES)) platform/kit localstack/edge e2e bench reliability; do \
	  [ ! -d $$d/target ] || { echo "==> clean                  removing $$d/target"; rm -rf $$d/target; }; done
	@[ ! -d clients/web/dist ] || { echo "==> clean                  removing clients/web/dist"; rm -rf clients/web/dist; }
