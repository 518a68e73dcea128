// Debian's nginx in front of a portal, configured from deploy/nginx/dli-portal.conf.template
// with a fixed identity in place of oauth2-proxy: 127.0.0.1 only, a free port, stopped by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, repoRoot, waitUntilHealthy } from './portal';

export interface RunningNginx {
  url: string;
  process: ChildProcess;
}

export const proxiedUser = { name: 'e2e-user', email: 'e2e@example.com', groups: 'flink-admins' };

export async function startNginx(upstream: string, basePath: string): Promise<RunningNginx> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dli-portal-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, temp));
  const identity = join(dir, 'identity.conf');
  writeFileSync(
    identity,
    [
      `set $portal_user "${proxiedUser.name}";`,
      `set $portal_email "${proxiedUser.email}";`,
      `set $portal_groups "${proxiedUser.groups}";`,
    ].join('\n'),
  );
  const variables: Record<string, string> = {
    NGINX_LISTEN: `127.0.0.1:${port}`,
    SERVER_NAME: 'localhost',
    PORTAL_UPSTREAM: upstream,
    BASE_PATH: basePath,
    IDENTITY_CONF: identity,
  };
  const template = readFileSync(join(repoRoot, 'deploy/nginx/dli-portal.conf.template'), 'utf8');
  const site = template.replace(/\$\{(\w+)\}/g, (whole, name: string) => variables[name] ?? whole);
  writeFileSync(join(dir, 'dli-portal.conf'), site);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 64; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/dli-portal.conf;
}
`,
  );
  const nginx = spawn(process.env.NGINX_PATH ?? '/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(`${url}${basePath}`, nginx, join(dir, 'error.log'));
  return { url, process: nginx };
}
