import { isReadOnlyName } from '../../../generator/plan/client';

describe('isReadOnlyName (the default of idempotentOperations)', () => {
  it('takes a read verb as a word of its own, in either case', () => {
    for (const name of ['GetImItemList', 'getSupportCity', 'Get', 'FindItem', 'ListQueues', 'SearchMailboxes', 'ResolveNames', 'ExpandDL', 'SyncFolderItems', 'CheckAvailability', 'Get_Rate', 'Query2', 'CheckInbox', 'check_inbox', 'Check_Outstanding']) {
      expect([name, isReadOnlyName(name)]).toEqual([name, true]);
    }
  });

  it('leaves out names that only begin with the letters of one, and checking in or out', () => {
    // Before, these were re-sent after a failure in which the server may have processed them.
    for (const name of ['Checkout', 'CheckInFile', 'CheckOutFile', 'checkIn', 'check_out', 'Check_In_File', 'check-out', 'Getaway', 'Listen', 'ReadyOrder', 'Synchronize', 'UpdateItem', 'CreateItem', 'getter']) {
      expect([name, isReadOnlyName(name)]).toEqual([name, false]);
    }
  });
});
