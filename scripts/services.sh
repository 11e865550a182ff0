#!/usr/bin/env bash
# Make sure the servers the tests use are up: PostgreSQL, MariaDB, Redis (started only if installed and down).
# Addresses come from the same env vars the tests read, with this machine's defaults.
set -u
pg_host=${MIGREVIEW_TEST_PG_HOST:-127.0.0.1}; pg_port=${MIGREVIEW_TEST_PG_PORT:-5432}
my_host=${MIGREVIEW_TEST_MYSQL_HOST:-127.0.0.1}; my_port=${MIGREVIEW_TEST_MYSQL_PORT:-3306}
redis_url=${MIGREVIEW_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}

up() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

redis_hostport=${redis_url#redis://}; redis_hostport=${redis_hostport%%/*}
redis_host=${redis_hostport%%:*}; redis_port=${redis_hostport##*:}

if ! up "$pg_host" "$pg_port" && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
fi
if ! up "$my_host" "$my_port" && [ -x /usr/sbin/mariadbd ]; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
if ! up "$redis_host" "$redis_port" && command -v redis-server >/dev/null; then
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no \
    --dir /tmp --logfile /tmp/redis-migreview.log || true
fi
for _ in $(seq 1 30); do
  if up "$pg_host" "$pg_port" && up "$my_host" "$my_port" && up "$redis_host" "$redis_port"; then exit 0; fi
  sleep 1
done
echo "services.sh: PostgreSQL $pg_host:$pg_port, MariaDB $my_host:$my_port or Redis $redis_host:$redis_port is not reachable" >&2
exit 1
