// Inputs held as readonly arrays (`as const` data, `readonly T[]` parameters) are written as they
// are: the generated types are those the readers build (plain arrays), and writers never change
// what they write, so the client's methods, `operations.*.serialize*` and `documents.*.serialize`
// take them. The typecheck test compiles this file: before, each call below was TS4104 ("The type
// 'readonly [...]' is 'readonly' and cannot be assigned to the mutable type").
import { ExchangeServiceClient, operations, type GetImItemsRequestBody } from '../../generated/src';
import { documents } from '../constructs/counted/golden/src/xml';

const ID = 'AAMkAGI2TG93AAA=';

describe('readonly inputs', () => {
  it('operations write an `as const` body and headers as they write the same mutable value', () => {
    const ids = [{ ItemId: { Id: ID } }, { ItemId: { Id: `${ID}x` } }] as const;
    const extra = [] as const;
    const mutable: GetImItemsRequestBody = { ContactIds: [{ ItemId: { Id: ID } }, { ItemId: { Id: `${ID}x` } }] };
    expect(operations.GetImItems.serializeRequest({ ContactIds: ids }, { $extra: extra })).toBe(operations.GetImItems.serializeRequest(mutable, { $extra: [] }));
    const groups = Object.freeze([Object.freeze({ DisplayName: 'Customers', GroupType: 'IPM.DistList.MOC.UserGroup' })]);
    const frozen = Object.freeze({ ResponseClass: 'Success', ImItemList: Object.freeze({ Groups: groups }) } as const);
    expect(operations.GetImItemList.serializeResponse(frozen)).toContain('<t:DisplayName>Customers</t:DisplayName>');
  });

  it('documents.*.serialize takes readonly arrays', () => {
    const legs = { $sequence: [{ leg: ['out', 'back'], note: 'windy' }, { leg: ['again'] }] } as const;
    expect(documents.Legs.serialize(legs)).toBe(documents.Legs.serialize({ $sequence: [{ leg: ['out', 'back'], note: 'windy' }, { leg: ['again'] }] }));
  });

  it('client methods take readonly arrays (type level; no request is sent)', () => {
    const client = new ExchangeServiceClient({ url: 'http://127.0.0.1:9/EWS/Exchange.asmx' });
    const call = (ids: readonly { ItemId: { Id: string } }[]) => () => client.getImItems({ ContactIds: ids, GroupIds: [{ ItemId: { Id: ID } }] as const });
    expect(typeof call([])).toBe('function');
    return client.close();
  });
});
