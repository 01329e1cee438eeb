// Where the haproxy binary is, if installed (Debian's package puts it in /usr/sbin, which
// a non-root PATH may lack): the proxy tests run the committed docker/haproxy.cfg with it.
import { spawnSync } from 'node:child_process';

export const HAPROXY: string | undefined = ['haproxy', '/usr/sbin/haproxy'].find((binary) => spawnSync(binary, ['-v']).status === 0);
