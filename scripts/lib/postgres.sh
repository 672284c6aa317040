# Private PostgreSQL clusters in a folder of the project. Sourced by the other scripts.
#
#   pg_bindir                    the folder holding initdb and pg_ctl
#   pg_up DIR PORT [throwaway]   create (first time) and start a cluster in DIR on 127.0.0.1:PORT;
#                                sets PG_ADMIN_URL (to its `postgres` database) and PG_STARTED
#   pg_down DIR                  stop it, if pg_up started it
#   pg_discard DIR               stop whatever cluster runs in DIR (even one an earlier, killed
#                                run left behind) and delete it
#   pg_create_database NAME      create NAME unless it exists; prints its URL (as the owner)
#   pg_app_database NAME         create NAME unless it exists, and the role the app serves as;
#                                sets CASCADE_MIGRATION_DATABASE_URL (the owner: migrations run
#                                as it) and DATABASE_URL (cascade_app, which can only read and
#                                write rows: see app/src/database.rs)
#   pg_owner_url_of_app DIR PORT  the schema owner's URL of the app's database: the one
#                                CASCADE_MIGRATION_DATABASE_URL or DATABASE_URL names, else the
#                                private cluster's in DIR (started on PORT; pg_down it after);
#                                sets PG_OWNER_URL
#
# As root, initdb and pg_ctl run as the `postgres` user, because initdb refuses to run as root.
# The cluster listens on 127.0.0.1 only, with a generated password kept beside it (git-ignored).

pg_bindir() {
	local dir
	if command -v pg_config >/dev/null 2>&1; then
		dir=$(pg_config --bindir 2>/dev/null || true)
		if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
	fi
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
	if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
	return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
pg_as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

pg_port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The first free port at or after $1.
pg_free_port() {
	local port=$1
	while ! pg_port_free "$port"; do port=$((port + 1)); done
	echo "$port"
}

pg_up() {
	local dir=$1 port=$2 throwaway=${3:-}
	local bin data password
	bin=$(pg_bindir) || { echo "PostgreSQL is not installed: run scripts/prerequisites.sh" >&2; return 1; }
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	data="$dir/data"
	if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$dir"; then
		echo "The postgres user cannot reach $dir: give it search (x) permission on each parent folder." >&2
		return 1
	fi
	if [ ! -s "$dir/password" ]; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$dir/password")
	fi
	password=$(cat "$dir/password")
	if [ ! -f "$data/PG_VERSION" ]; then
		echo "Creating a private PostgreSQL cluster in $data"
		mkdir -p "$data"
		local pwfile
		pwfile=$(mktemp)
		printf '%s\n' "$password" >"$pwfile"
		if [ "$(id -u)" -eq 0 ]; then chown postgres "$data" "$pwfile"; fi
		chmod 700 "$data"
		pg_as_owner "$bin/initdb" --pgdata="$data" --username=cascade --pwfile="$pwfile" \
			--auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; rm -f "$pwfile"; return 1; }
		rm -f "$pwfile"
	fi
	touch "$dir/server.log"
	if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir/server.log"; fi
	PG_STARTED=
	if pg_as_owner "$bin/pg_ctl" --pgdata="$data" status >/dev/null 2>&1; then
		port=$(sed -n 4p "$data/postmaster.pid")
		echo "PostgreSQL is already running in $data on port $port; using it"
	else
		if ! pg_port_free "$port"; then
			echo "Port $port is taken: set CASCADE_PG_PORT to a free port" >&2
			return 1
		fi
		local options="-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories="
		if [ -n "$throwaway" ]; then
			# Nothing here needs to survive a crash: trade durability for speed.
			options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
		fi
		pg_as_owner "$bin/pg_ctl" --pgdata="$data" --log="$dir/server.log" --options="$options" \
			--wait --silent start || { tail -n 20 "$dir/server.log" >&2; return 1; }
		PG_STARTED=$data
	fi
	PG_ADMIN_URL="postgres://cascade:$password@127.0.0.1:$port/postgres"
	PG_DIR=$dir PG_PORT=$port
	export PG_ADMIN_URL PG_STARTED PG_DIR PG_PORT
}

pg_down() {
	local data
	data="$(cd "$1" && pwd)/data"
	if [ -n "${PG_STARTED:-}" ] && [ "$PG_STARTED" = "$data" ]; then
		pg_as_owner "$(pg_bindir)/pg_ctl" --pgdata="$data" --mode=fast --wait --silent stop || true
		PG_STARTED=
	fi
}

pg_create_database() {
	local name=$1
	local exists
	exists=$(psql "$PG_ADMIN_URL" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")
	if [ "$exists" != 1 ]; then
		psql "$PG_ADMIN_URL" -q -c "CREATE DATABASE \"$name\"" >/dev/null
	fi
	echo "${PG_ADMIN_URL%/postgres}/$name"
}

pg_app_database() {
	local name=$1 password
	if [ ! -s "$PG_DIR/app-password" ]; then
		(umask 077 && head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$PG_DIR/app-password")
	fi
	password=$(cat "$PG_DIR/app-password")
	psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 >/dev/null <<-SQL
		DO \$\$ BEGIN CREATE ROLE cascade_app LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;
		ALTER ROLE cascade_app PASSWORD '$password';
	SQL
	CASCADE_MIGRATION_DATABASE_URL=$(pg_create_database "$name")
	DATABASE_URL="postgres://cascade_app:$password@127.0.0.1:$PG_PORT/$name"
	export CASCADE_MIGRATION_DATABASE_URL DATABASE_URL
}

pg_owner_url_of_app() {
	PG_OWNER_URL=${CASCADE_MIGRATION_DATABASE_URL:-${DATABASE_URL:-}}
	if [ -z "$PG_OWNER_URL" ]; then
		pg_up "$1" "$2"
		pg_app_database cascade
		PG_OWNER_URL=$CASCADE_MIGRATION_DATABASE_URL
	fi
}

pg_discard() {
	local dir=$1
	[ -d "$dir" ] || return 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		pg_as_owner "$(pg_bindir)/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait --silent stop >/dev/null 2>&1 || true
	fi
	PG_STARTED=
	rm -rf "$dir"
}
