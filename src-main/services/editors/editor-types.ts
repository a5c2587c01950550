import type { Editor } from '../../../src-shared/contract';

export type EditorKind = Editor['kind'];
