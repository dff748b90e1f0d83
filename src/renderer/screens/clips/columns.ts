import type { ClipSort } from '../../../common/contract.js';

export interface Column {
  id: 'file' | 'speaker' | 'duration' | 'label' | 'predicted' | 'confidence' | 'split';
  title: string;
  sort: ClipSort;
  width: string;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: 'file', title: 'File', sort: 'path', width: 'minmax(200px, 3fr)' },
  { id: 'speaker', title: 'Speaker', sort: 'speaker', width: 'minmax(80px, 1fr)' },
  { id: 'duration', title: 'Duration', sort: 'duration', width: '90px', numeric: true },
  { id: 'label', title: 'Label', sort: 'label', width: 'minmax(100px, 1fr)' },
  { id: 'predicted', title: 'Predicted', sort: 'predicted', width: 'minmax(100px, 1fr)' },
  { id: 'confidence', title: 'Confidence', sort: 'confidence', width: '120px', numeric: true },
  { id: 'split', title: 'Split', sort: 'split', width: '80px' },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.width).join(' ');
export const ROW_HEIGHT = 34;
