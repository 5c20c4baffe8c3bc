// The list of keyboard shortcuts, opened with "?".
import { Dialog } from '../components/dialog';
import { useFocusReturn } from '../components/use-focus-return';
import { shortcutList } from './shortcuts';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  useFocusReturn();
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts-table" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {shortcutList.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
