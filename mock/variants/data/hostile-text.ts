/** Names and descriptions with quotes, markup, emoji, other resources' IDs and 255 characters. */
import { defineDataVariant } from './define-data.ts';

export default defineDataVariant({
  id: 'data-hostile-text',
  description:
    'Free-text fields hold quotes, backslashes, <script>, astral Unicode, line breaks, long (255-character) names and the IDs of other resources of the organization.',
  clauses: ['C-BODY-1', 'C-PERM-8'],
  transform: (data) => {
    for (const org of data.orgs) {
      const ids = [...org.accounts.map((a) => a.id), ...org.rules.map((r) => r.id), ...org.cards.map((c) => c.id)];
      const other = (i: number) => ids[(i * 7 + 3) % ids.length] as string;
      org.accounts.forEach((a, i) => {
        a.name =
          i % 3 === 0
            ? `${a.name} ${'ü'.repeat(255)}`.slice(0, 255)
            : `${a.name} "O'Brien" \\ <script>alert(1)</script> 🚀`;
        a.description = `Linked to ${other(i)} and ${other(i + 1)}\n\ttab, "quote", ümlaut, 𝄞`;
        a.beneficiary_name = `Zoë "Z" O'Neil-Ørsted 李`;
      });
      org.rules.forEach((r, i) => {
        r.nickname = `Sweep → ${other(i)} <b>"${r.nickname}"</b>`;
        r.description = `Moves money from ${r.source_id} to ${r.destination_id} 💸`;
      });
      org.transfers.forEach((t, i) => {
        t.description =
          i % 2 ? `Ref ${t.source_id}/${t.destination_id} ${t.rule_execution_id ?? ''} "x" <i>` : `${'é'.repeat(255)}`;
      });
      org.cards.forEach((c) => (c.holder_name = `José "Pepe" Ñúñez <${c.account_id}>`));
      org.cardTransactions.forEach(
        (x, i) => (x.merchant_name = i % 2 ? `Café "Zürich" & Söhne ${x.card_id}` : `<img src=x onerror=alert(1)> 🍕`),
      );
    }
  },
});
