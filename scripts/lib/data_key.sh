# shellcheck shell=bash
# The key that seals special-category data at rest (CASCADE_DATA_KEY; see
# app/src/special_category.rs).
#
#   data_key_from FILE   exports CASCADE_DATA_KEY from FILE unless it is set already, first
#                        making FILE (readable by its owner only) with a new random key if it is
#                        missing. The data and its key stay together in the git-ignored folder:
#                        losing the key makes the sealed values unreadable.

data_key_from() {
	local file=$1
	if [ -n "${CASCADE_DATA_KEY:-}" ]; then
		return
	fi
	if [ ! -s "$file" ]; then
		mkdir -p "$(dirname "$file")"
		(umask 077 && printf '1:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" >"$file")
		echo "Made a data key in $file (keep it with the data: without it, sealed values cannot be read)"
	fi
	CASCADE_DATA_KEY=$(cat "$file")
	export CASCADE_DATA_KEY
}
