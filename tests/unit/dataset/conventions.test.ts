import { describe, expect, it } from 'vitest';
import { matchConvention } from '../../../src/core/dataset/conventions.js';

describe('corpus naming conventions', () => {
  it.each([
    ['03a01Fa', 'happy', '03'],
    ['03a01Wa', 'angry', '03'],
    ['08b10Lb', 'boredom', '08'],
    ['16a07Ea', 'disgust', '16'],
    ['11b03Ac', 'fear', '11'],
    ['15a04Td', 'sad', '15'],
    ['10a02Nc', 'neutral', '10'],
  ])('EmoDB %s is %s by speaker %s', (stem, label, speaker) => {
    expect(matchConvention(stem)).toEqual({ corpus: 'emodb', label, speaker });
  });

  it.each([
    ['03-01-01-01-01-01-01', 'neutral', 'Actor_01'],
    ['03-01-02-02-01-02-07', 'calm', 'Actor_07'],
    ['03-01-03-01-02-01-12', 'happy', 'Actor_12'],
    ['03-01-04-01-02-01-12', 'sad', 'Actor_12'],
    ['03-02-05-02-01-01-24', 'angry', 'Actor_24'],
    ['01-01-06-01-02-01-12', 'fear', 'Actor_12'],
    ['03-01-07-01-02-01-12', 'disgust', 'Actor_12'],
    ['03-01-08-01-02-01-12', 'surprise', 'Actor_12'],
  ])('RAVDESS %s is %s by %s', (stem, label, speaker) => {
    expect(matchConvention(stem)).toEqual({ corpus: 'ravdess', label, speaker });
  });

  it.each([
    ['OAF_back_happy', 'happy', 'OAF'],
    ['YAF_youth_sad', 'sad', 'YAF'],
    ['YAF_date_neutral', 'neutral', 'YAF'],
    ['OAF_bar_ps', 'surprise', 'OAF'],
    ['YAF_chain_angry', 'angry', 'YAF'],
    ['OAF_wag_fear', 'fear', 'OAF'],
    ['YAF_mood_disgust', 'disgust', 'YAF'],
    ['OA_bite_neutral', 'neutral', 'OAF'],
  ])('TESS %s is %s by %s', (stem, label, speaker) => {
    expect(matchConvention(stem)).toEqual({ corpus: 'tess', label, speaker });
  });

  it.each([
    ['1001_DFA_ANG_XX', 'angry', '1001'],
    ['1091_IEO_HAP_HI', 'happy', '1091'],
    ['1045_TSI_SAD_LO', 'sad', '1045'],
    ['1012_WSI_NEU_XX', 'neutral', '1012'],
    ['1030_IOM_DIS_MD', 'disgust', '1030'],
    ['1002_ITS_FEA_XX', 'fear', '1002'],
  ])('CREMA-D %s is %s by %s', (stem, label, speaker) => {
    expect(matchConvention(stem)).toEqual({ corpus: 'crema-d', label, speaker });
  });

  it.each([
    ['DC_a01', '', 'angry', 'DC'],
    ['JE_d15', '', 'disgust', 'JE'],
    ['JK_f03', '', 'fear', 'JK'],
    ['KL_h07', '', 'happy', 'KL'],
    ['DC_n30', '', 'neutral', 'DC'],
    ['JE_sa01', '', 'sad', 'JE'],
    ['KL_su15', '', 'surprise', 'KL'],
    ['sa01', 'DC', 'sad', 'DC'],
    ['h01', 'KL', 'happy', 'KL'],
  ])('SAVEE %s (in %j) is %s by %s', (stem, folder, label, speaker) => {
    expect(matchConvention(stem, folder)).toEqual({ corpus: 'savee', label, speaker });
  });

  it.each([
    // EmoDB look-alikes: unknown speaker, bad sentence code, lower-case emotion, extra text.
    ['01a01Fa', ''],
    ['03a08Fa', ''],
    ['03c01Fa', ''],
    ['03a01fa', ''],
    ['03a01Xa', ''],
    ['03a01Fa_copy', ''],
    ['x03a01Fa', ''],
    // RAVDESS: emotion 09, actor 25 or 00, a field missing, wrong separator.
    ['03-01-09-01-01-01-12', ''],
    ['03-01-03-01-01-01-25', ''],
    ['03-01-03-01-01-01-00', ''],
    ['03-01-03-01-01-12', ''],
    ['03_01_03_01_01_01_12', ''],
    ['2023-01-05-01-01-01-12', ''],
    // TESS: unknown speaker prefix or emotion, missing word.
    ['ABC_back_happy', ''],
    ['OAF_back_joyful', ''],
    ['OAF_happy', ''],
    ['notes_meeting_happy', ''],
    // CREMA-D: actor outside 1001-1091, unknown sentence or level, missing level.
    ['1000_DFA_ANG_XX', ''],
    ['1092_DFA_ANG_XX', ''],
    ['1001_ABC_ANG_XX', ''],
    ['1001_DFA_ANG', ''],
    ['1001_DFA_ANG_ZZ', ''],
    ['1001_DFA_XYZ_XX', ''],
    // SAVEE: unknown speaker, unknown code, number out of range, bare code in a non-speaker folder.
    ['AB_a01', ''],
    ['DC_x01', ''],
    ['DC_a16', ''],
    ['DC_n31', ''],
    ['DC_a00', ''],
    ['DC_a1', ''],
    ['a01', ''],
    ['a01', 'recordings'],
    ['h01', 'dc'],
    // Ordinary names.
    ['recording', ''],
    ['happy', ''],
    ['take 1', ''],
    ['IMG_0001', ''],
  ])('does not take %j (in %j) for corpus data', (stem, folder) => {
    expect(matchConvention(stem, folder)).toBeUndefined();
  });
});
