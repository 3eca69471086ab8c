-- release: KEYS[1] the lease, ARGV[1] this instance; deletes it only if this instance holds it.
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
