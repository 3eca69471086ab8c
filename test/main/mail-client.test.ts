import { describe, expect, it } from 'vitest';
import { chooseOpener, execArgv, parseDesktopEntry, type MailClientFacts } from '../../main/mail-client.ts';

const thunderbird = `[Desktop Entry]
Name=Thunderbird Mail
Name[de]=Thunderbird-E-Mail
Exec=/usr/lib/thunderbird/thunderbird %u
Terminal=false
Type=Application

[Desktop Action ComposeMessage]
Name=Write new message
Exec=/usr/lib/thunderbird/thunderbird -compose
`;
const evolution = '[Desktop Entry]\nName=Evolution\nExec=evolution %U\nMimeType=x-scheme-handler/mailto;\n';
const mutt = '[Desktop Entry]\nName=Mutt\nExec=mutt %u\nTerminal=true\n';
const flatpak = '[Desktop Entry]\nName=Geary\nExec=/usr/bin/flatpak run --branch=stable --arch=x86_64 --command=geary --file-forwarding org.gnome.Geary @@u %u @@\n';

const linux = (desktopEntry?: string): MailClientFacts => ({ platform: 'linux', ...(desktopEntry === undefined ? {} : { desktopEntry }) });

describe('what a click on a mailbox opens', () => {
  it.each<[string, string | undefined, MailClientFacts, ReturnType<typeof chooseOpener>]>([
    ['its web address first', 'https://mail.example.com/', linux(thunderbird), { kind: 'web', url: 'https://mail.example.com/' }],
    ['a mailto: address as a web address', 'mailto:ann@example.com', linux(thunderbird), { kind: 'web', url: 'mailto:ann@example.com' }],
    ['never a file: or javascript: address', 'javascript:alert(1)', linux(), { kind: 'window' }],
    ['Linux: the desktop entry\'s Exec without the %u', undefined, linux(thunderbird), { kind: 'command', command: '/usr/lib/thunderbird/thunderbird', args: [] }],
    ['Linux: %U is dropped as well', undefined, linux(evolution), { kind: 'command', command: 'evolution', args: [] }],
    ['Linux: a client that needs a terminal falls back to the window', undefined, linux(mutt), { kind: 'window' }],
    ['Linux: a flatpak entry keeps its own arguments', undefined, linux(flatpak), {
      kind: 'command', command: '/usr/bin/flatpak',
      args: ['run', '--branch=stable', '--arch=x86_64', '--command=geary', '--file-forwarding', 'org.gnome.Geary', '@@u', '@@'],
    }],
    ['Linux: no mail client set: the window', undefined, linux(), { kind: 'window' }],
    ['macOS: the mailto: handler app', undefined, { platform: 'darwin', handlerPath: '/Applications/Mail.app' }, { kind: 'app', path: '/Applications/Mail.app' }],
    ['Windows: the registered mail client', undefined, { platform: 'win32', handlerPath: 'C:\\Program Files\\Mozilla Thunderbird\\thunderbird.exe' },
      { kind: 'app', path: 'C:\\Program Files\\Mozilla Thunderbird\\thunderbird.exe' }],
    ['Windows: no mail client: the window', undefined, { platform: 'win32' }, { kind: 'window' }],
  ])('%s', (_what, webUrl, facts, plan) => {
    expect(chooseOpener(webUrl, facts)).toEqual(plan);
  });
});

describe('desktop entries', () => {
  it('reads the main group only, not localised names or actions', () => {
    expect(parseDesktopEntry(thunderbird)).toEqual({ name: 'Thunderbird Mail', exec: '/usr/lib/thunderbird/thunderbird %u', isTerminal: false });
  });

  it.each<[string, string[] | undefined]>([
    ['thunderbird %u', ['thunderbird']],
    ['claws-mail %F', ['claws-mail']],
    ['"/opt/My Mail/mail" --new-window %u', ['/opt/My Mail/mail', '--new-window']],
    ['sh -c "echo \\"hi\\" \\$HOME"', ['sh', '-c', 'echo "hi" $HOME']],
    ['app --icon %i --name %c --from %k', ['app', '--icon', '--name', '--from']],
    ['app 100%%', ['app', '100%']],
    ['app ""', ['app', '']],
    ['app "unclosed', undefined],
    ['app %z', undefined],
  ])('Exec=%s runs as %j', (exec, argv) => {
    expect(execArgv(exec)).toEqual(argv);
  });
});
